"""manifest.json, at the root of an export: when it was made, from which code and which
content, and every file with its size, its SHA-256 and the public address it came from.

The file is JSON, written so that it can be read one file at a time as well: the export's
facts first, then `"files": [`, then one file a line. `verify` checks a folder against its
manifest; `compare` tells what changed between two exports, by public address.
"""

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 1
NAME = "manifest.json"
SPOOL = ".manifest.jsonl"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the export's root, with "/"
    url: str  # the public address, "/fr/documents/"
    size: int
    sha256: str
    type: str = ""  # the Content-Type it was served with

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "url": self.url,
            "size": self.size,
            "sha256": self.sha256,
            "type": self.type,
        }


class ManifestWriter:
    """Keeps each file's entry in a spool file as the export writes it (nothing grows in
    memory), then writes manifest.json from it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.spool = (folder / SPOOL).open("w", encoding="utf-8")
        self.count = 0
        self.bytes = 0

    def add(self, entry: Entry):
        self.spool.write(json.dumps(entry.as_dict(), ensure_ascii=False) + "\n")
        self.count += 1
        self.bytes += entry.size

    def finish(self, facts: dict):
        self.spool.close()
        spool = self.folder / SPOOL
        facts = {"manifest": FORMAT, **facts, "count": self.count, "bytes": self.bytes}
        with (
            (self.folder / NAME).open("w", encoding="utf-8") as out,
            spool.open(encoding="utf-8") as lines,
        ):
            out.write("{\n")
            for key, value in facts.items():
                out.write(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
            out.write(' "files": [\n')
            separator = ""
            for line in lines:
                out.write(separator + "  " + line.rstrip("\n"))
                separator = ",\n"
            out.write("\n ]\n}\n")
        spool.unlink()

    def abandon(self):
        self.spool.close()


def read(folder: Path) -> tuple[dict, Iterator[Entry]]:
    """The export's facts and its files, read one line at a time when the manifest is as
    export_site writes it, and as a whole otherwise."""
    path = Path(folder) / NAME
    facts = _facts(path)
    if facts is None:
        with path.open(encoding="utf-8") as handle:
            whole = json.load(handle)
        files = whole.pop("files", [])
        return whole, (_entry(item) for item in files)
    return facts, _entries(path)


def _facts(path: Path) -> dict | None:
    lines = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() == '"files": [':
                first = handle.readline().strip()  # one file a line, or the list's end
                try:
                    if first != "]":
                        json.loads(first.rstrip(","))
                    return json.loads("".join(lines) + ' "files": []\n}')
                except ValueError:
                    return None
            lines.append(line)
            if len(lines) > 1000:
                return None
    return None


def _entries(path: Path) -> Iterator[Entry]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() == '"files": [':
                break
        for line in handle:
            text = line.strip()
            if text == "]":
                return
            yield _entry(json.loads(text.rstrip(",")))


def _entry(item: dict) -> Entry:
    return Entry(item["path"], item["url"], int(item["size"]), item["sha256"], item.get("type", ""))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _safe(relative: str) -> bool:
    parts = relative.split("/")
    return bool(relative) and not relative.startswith("/") and ".." not in parts and "" not in parts


@dataclass
class Verification:
    facts: dict
    checked: int = 0
    bytes: int = 0
    missing: list = field(default_factory=list)  # (path, url)
    changed: list = field(default_factory=list)  # (path, url, what)
    unexpected: list = field(default_factory=list)  # path

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.unexpected)


def verify(folder: Path) -> Verification:
    """Check every file of the export against its manifest: there, the same size, the
    same SHA-256; and no file the manifest does not list."""
    folder = Path(folder)
    facts, entries = read(folder)
    report = Verification(facts)
    listed = set()
    for entry in entries:
        listed.add(entry.path)
        report.checked += 1
        if not _safe(entry.path):
            report.changed.append((entry.path, entry.url, "not a path inside the export"))
            continue
        path = folder / entry.path
        if not path.is_file():
            report.missing.append((entry.path, entry.url))
            continue
        size = path.stat().st_size
        if size != entry.size:
            report.changed.append((entry.path, entry.url, f"{size} bytes, not {entry.size}"))
        elif file_sha256(path) != entry.sha256:
            report.changed.append((entry.path, entry.url, "different SHA-256"))
        else:
            report.bytes += size
    for root, _dirs, names in os.walk(folder):
        for name in names:
            relative = (Path(root) / name).relative_to(folder).as_posix()
            if relative != NAME and relative not in listed:
                report.unexpected.append(relative)
    report.unexpected.sort()
    return report


@dataclass
class Comparison:
    old: dict
    new: dict
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)


def compare(old: Path, new: Path) -> Comparison:
    """What changed from the export `old` to the export `new`, by public address: the
    addresses only `new` has, those only `old` has, and those whose file differs."""
    old_facts, old_entries = read(Path(old))
    before = {entry.url: entry.sha256 for entry in old_entries}
    new_facts, new_entries = read(Path(new))
    comparison = Comparison(old_facts, new_facts)
    for entry in new_entries:
        sha256 = before.pop(entry.url, None)
        if sha256 is None:
            comparison.added.append(entry.url)
        elif sha256 != entry.sha256:
            comparison.changed.append(entry.url)
    comparison.removed = sorted(before)
    comparison.added.sort()
    comparison.changed.sort()
    return comparison
