"""What a run measures, from the environment (each variable is optional)."""

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """The benchmark could not run: a message for the person who started it."""


def _number(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        number = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        raise BenchError(f"{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise BenchError(f"{name} must be at least {minimum}, not {number}.")
    return number


def _seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    try:
        seconds = float(value) if value else default
    except ValueError:
        raise BenchError(f"{name} must be a number of seconds, not {value!r}.") from None
    if seconds <= 0:
        raise BenchError(f"{name} must be more than 0.")
    return seconds


@dataclass(frozen=True)
class Config:
    documents: int
    practices: int
    people: int
    seed: int
    database_url: str
    redis_url: str
    cache_dir: Path
    workers: int
    threads: int
    concurrency: int
    duration: float
    samples: int
    renders: int
    timeout: float
    python: str = sys.executable

    @classmethod
    def from_environment(cls) -> "Config":
        documents = _number("BENCH_DOCUMENTS", 100_000)
        workers = _number("BENCH_WORKERS", 2, 1)
        threads = _number("BENCH_THREADS", 4, 1)
        return cls(
            documents=documents,
            practices=_number("BENCH_PRACTICES", max(100, documents // 10)),
            people=_number("BENCH_PEOPLE", max(50, documents // 50)),
            seed=_number("BENCH_SEED", 1),
            database_url=os.environ.get("BENCH_DATABASE_URL", ""),
            redis_url=os.environ.get("BENCH_REDIS_URL", ""),
            cache_dir=Path(
                os.environ.get("BENCH_CACHE_DIR", "") or Path(tempfile.gettempdir()) / "bench-cache"
            ),
            workers=workers,
            threads=threads,
            concurrency=_number("BENCH_CONCURRENCY", workers * threads, 1),
            duration=_seconds("BENCH_DURATION", 5.0),
            samples=_number("BENCH_SAMPLES", 30, 5),
            renders=_number("BENCH_RENDERS", 5, 1),
            timeout=_seconds("BENCH_TIMEOUT", 10.0),
        )
