"""The figures as a table: what, value, baseline, bar, result."""

import os
import platform
import sqlite3
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

PASS, FAIL, ERROR = "pass", "FAIL", "ERROR"


@dataclass
class Row:
    section: str
    what: str
    value: str
    baseline: str
    bar: str
    result: str
    note: str = ""


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.1f} ms"


def machine() -> dict[str, str]:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GB RAM"
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 0

    def version(package):
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "machine": f"{cpu}, {cpus} CPUs{memory}; {platform.system()} {platform.release()}",
        "software": (
            f"Python {platform.python_version()}, Django {version('django')}, "
            f"Wagtail {version('wagtail')}, gunicorn {version('gunicorn')}, "
            f"SQLite {sqlite3.sqlite_version}"
        ),
    }


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "?"


def table(rows: list[Row]) -> str:
    headings = ("what", "value", "baseline", "bar", "result")
    lines = []
    for section in dict.fromkeys(row.section for row in rows):
        chosen = [row for row in rows if row.section == section]
        cells = [(r.what, r.value, r.baseline, r.bar, r.result) for r in chosen]
        widths = [max(len(str(c[i])) for c in [headings, *cells]) for i in range(5)]
        lines += ["", section, ""]
        lines.append("  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)))
        lines.append("  ".join("-" * w for w in widths))
        for row, cell in zip(chosen, cells, strict=True):
            line = "  ".join(str(c).ljust(w) for c, w in zip(cell, widths, strict=True))
            lines.append(line.rstrip() + (f"   {row.note}" if row.note else ""))
    return "\n".join(lines)


def as_json(rows: list[Row]) -> list[dict]:
    return [asdict(row) for row in rows]
