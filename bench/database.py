"""The database a run measures: migrated, with the forum's data and the demo data, built
once and kept in the cache directory (SQLite) or in the BENCH_DATABASE_URL database
(PostgreSQL) under a fingerprint of everything that shapes it: migrations, the data
files, the loader and generator code, the pinned packages and the numbers asked for.
A later run with the same fingerprint starts at once."""

import hashlib
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .config import ROOT, BenchError, Config

#: Databases the benchmark never drops, whatever BENCH_DATABASE_URL says.
PROTECTED = {"postgres", "template0", "template1", "test"}
#: Variables of the caller's environment that would change what is measured.
SCRUBBED = (
    "DEBUG",
    "DATABASE_URL",
    "SQLITE_PATH",
    "REDIS_URL",
    "SECRET_KEY",
    "HTTPS",
    "BEHIND_PROXY",
    "DJANGO_SETTINGS_MODULE",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "LOG_LEVEL",
)


def _digest(paths: list[Path], *extra: object) -> str:
    hasher = hashlib.sha256()
    for path in sorted(paths):
        hasher.update(str(path.relative_to(ROOT)).encode())
        hasher.update(path.read_bytes())
    for value in extra:
        hasher.update(repr(value).encode())
    return hasher.hexdigest()[:12]


def _files(pattern: str) -> list[Path]:
    return [path for path in ROOT.glob(pattern) if path.is_file()]


def base_fingerprint() -> str:
    """Of what makes the database before demo data: the schema and the forum's data."""
    return _digest(
        _files("forum/*/migrations/*.py")
        + _files("forum/data/**/*")
        + [ROOT / "forum/site/loading.py", ROOT / "constraints.txt"]
    )


def demo_fingerprint(config: Config, vendor: str) -> str:
    return _digest(
        [ROOT / "forum/site/demo.py"],
        base_fingerprint(),
        vendor,
        config.documents,
        config.practices,
        config.people,
        config.seed,
    )


def static_fingerprint() -> str:
    return _digest(_files("forum/static/**/*") + [ROOT / "constraints.txt"])


@dataclass
class Database:
    vendor: str  # "sqlite" or "postgresql"
    label: str  # where it is, without any password
    settings: dict[str, str]  # SQLITE_PATH or DATABASE_URL
    built_in: float | None  # seconds, when this run built it
    version: str = ""  # of the database server, if any


def environment(config: Config, database: Database, static_root: Path) -> dict[str, str]:
    """Production settings (DEBUG off, a real secret) over plain HTTP, as `make run`."""
    env = {name: value for name, value in os.environ.items() if name not in SCRUBBED}
    env.update(database.settings)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=secrets.token_urlsafe(64),  # a new one each run, kept nowhere
        HTTPS="false",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(config.cache_dir / "media"),
        PYTHONPATH=str(ROOT),
    )
    if config.redis_url:
        env["REDIS_URL"] = config.redis_url
    return env


def manage(config: Config, env: dict[str, str], *args: str) -> None:
    command = [config.python, "manage.py", *args]
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()[-25:]
        raise BenchError(f"`manage.py {' '.join(args)}` failed:\n" + "\n".join(output))


def _generate_args(config: Config) -> list[str]:
    return [
        "generate_demo_data",
        f"--documents={config.documents}",
        f"--practices={config.practices}",
        f"--people={config.people}",
        f"--seed={config.seed}",
    ]


def _say(message: str) -> None:
    print(f"· {message}", flush=True)


# SQLite -----------------------------------------------------------------------------------


def _remove(path: Path) -> None:
    for each in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        each.unlink(missing_ok=True)


def _settle(path: Path) -> None:
    """Fold the write-ahead log into the file, so that the file alone is the database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _sqlite_env(config: Config, path: Path) -> dict[str, str]:
    plain = Database("sqlite", str(path), {"SQLITE_PATH": str(path)}, None)
    return environment(config, plain, config.cache_dir / "static-unused")


def _prune(directory: Path, pattern: str, keep: Path) -> None:
    """Remove what an earlier fingerprint left: it can never be used again."""
    for path in directory.glob(pattern):
        if path.name.startswith(keep.name):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def prepare_sqlite(config: Config) -> Database:
    directory = config.cache_dir
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    built = False
    base = directory / f"base-{base_fingerprint()}.sqlite3"
    if not base.exists():
        _say("building the base database (migrate, load_forum_data): about a minute")
        building = directory / f"{base.name}.building"
        _remove(building)
        env = _sqlite_env(config, building)
        manage(config, env, "migrate", "--noinput", "-v0")
        manage(config, env, "load_forum_data", "-v0")
        _settle(building)
        building.rename(base)
        _prune(directory, "base-*.sqlite3*", base)
        built = True
    path = directory / f"db-{config.documents}-{demo_fingerprint(config, 'sqlite')}.sqlite3"
    if not path.exists():
        _say(
            f"generating demo data: {config.documents:,} documents, {config.practices:,} "
            f"practices, {config.people:,} people (kept for later runs)"
        )
        building = directory / f"{path.name}.building"
        _remove(building)
        shutil.copyfile(base, building)
        manage(config, _sqlite_env(config, building), *_generate_args(config), "-v0")
        _settle(building)
        building.rename(path)
        _prune(directory, f"db-{config.documents}-*.sqlite3*", path)
        built = True
    else:
        _say(f"using the cached database {path}")
    elapsed = time.perf_counter() - started if built else None
    return Database("sqlite", str(path), {"SQLITE_PATH": str(path)}, elapsed)


# PostgreSQL -------------------------------------------------------------------------------


def _postgres_parts(url: str) -> tuple[str, str, str]:
    """(database name, URL of the maintenance database, URL without password)."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise BenchError("BENCH_DATABASE_URL must be a postgres:// address.")
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name or ""):
        raise BenchError("BENCH_DATABASE_URL must name a database: letters, digits and _.")
    if name in PROTECTED:
        raise BenchError(
            f"The benchmark drops and recreates its database: it will not use “{name}”. "
            "Name another, such as postgres://postgres@127.0.0.1:5432/benchdb."
        )
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0] + "@" if len(netloc) == 2 else ""
    label = f"{parts.scheme}://{user}{netloc[-1]}/{name}"
    return name, maintenance, label


def prepare_postgres(config: Config) -> Database:
    import psycopg

    name, maintenance, label = _postgres_parts(config.database_url)
    key = f"bench {demo_fingerprint(config, 'postgresql')}"
    database = Database("postgresql", label, {"DATABASE_URL": config.database_url}, None)
    try:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            server = connection.execute("SHOW server_version").fetchone()[0]
            database.version = f"PostgreSQL {server.split()[0]}"
            row = connection.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [name],
            ).fetchone()
            if row is not None and row[0] == key:
                _say(f"using the prepared database {label}")
                return database
            _say(
                f"building {label} (migrate, load_forum_data, {config.documents:,} demo "
                "documents): kept for later runs"
            )
            started = time.perf_counter()
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
            env = environment(config, database, config.cache_dir / "static-unused")
            manage(config, env, "migrate", "--noinput", "-v0")
            manage(config, env, "load_forum_data", "-v0")
            manage(config, env, *_generate_args(config), "-v0")
            # What autovacuum would soon do after such a load: planner statistics.
            with psycopg.connect(config.database_url, autocommit=True) as own:
                own.execute("VACUUM ANALYZE")
            connection.execute(f"COMMENT ON DATABASE \"{name}\" IS '{key}'")
            database.built_in = time.perf_counter() - started
            return database
    except psycopg.OperationalError as error:
        raise BenchError(f"Cannot reach PostgreSQL at {label}: {error}") from error


def prepare(config: Config) -> Database:
    if config.database_url:
        return prepare_postgres(config)
    return prepare_sqlite(config)


def prepare_static(config: Config, env: dict[str, str]) -> Path:
    """The collected static files (hashed names, as in production), kept between runs."""
    root = config.cache_dir / f"static-{static_fingerprint()}"
    if not (root / "staticfiles.json").exists():
        _say("collecting static files (kept for later runs)")
        manage(config, {**env, "STATIC_ROOT": str(root)}, "collectstatic", "--noinput", "-v0")
        _prune(config.cache_dir, "static-*", root)
    return root
