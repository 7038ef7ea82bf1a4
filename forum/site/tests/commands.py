"""Running management commands as an operator would: in processes of their own, on
databases of their own (a SQLite file, or PostgreSQL when given its address)."""

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[3]

# Not compared row for row: SQLite's next ids, sessions (not kept), the content clock
# (moved by a restore, as by any change), the throttles' cache table (made by migrate) and
# the search index (rebuilt, checked apart).
NOT_COMPARED = {
    "sqlite_sequence",
    "django_session",
    "core_contentclock",
    "forum_shared_cache",
}


def environment(media: Path, *, sqlite: Path | None = None, database_url: str = "") -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SQLITE_PATH", "MEDIA_ROOT"}
    }
    env.update(HTTPS="false", MEDIA_ROOT=str(media))
    if sqlite:
        env["SQLITE_PATH"] = str(sqlite)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict, *args, check=True, root: Path = ROOT) -> subprocess.CompletedProcess:
    """`manage.py *args` of the checkout at `root` (this one by default)."""
    result = subprocess.run(
        [sys.executable, str(root / "manage.py"), *map(str, args)],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and result.returncode:
        raise AssertionError(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return result


def copy_sqlite(source: Path, target: Path) -> Path:
    with closing(sqlite3.connect(source)) as old, closing(sqlite3.connect(target)) as new:
        old.backup(new)
    return target


def _comparable(value):
    # PostgreSQL keeps JSON as jsonb, which orders keys its own way.
    if isinstance(value, str) and value[:1] in {"{", "["}:
        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    return value


def table_columns(path: Path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(path)) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            name: [row[1] for row in db.execute(f'PRAGMA table_info("{name}")')] for name in names
        }


def table_rows(path: Path, columns_of: dict[str, list[str]] | None = None) -> dict[str, list]:
    """Every row of every table of a SQLite file, sorted; Django's own many-to-many tables
    without their ids, which nothing refers to and a restore renumbers. With
    `columns_of`, only those columns of each table (those it had before a migration)."""
    many_to_many = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created
    }
    tables = {}
    with closing(sqlite3.connect(path)) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in names:
            if name in NOT_COMPARED or name.startswith("wagtailsearch_"):
                continue
            columns = [row[1] for row in db.execute(f'PRAGMA table_info("{name}")')]
            if columns_of is not None and name in columns_of:
                columns = [column for column in columns if column in columns_of[name]]
            if name in many_to_many:
                columns.remove("id")
            select = ", ".join(f'"{column}"' for column in columns)
            rows = db.execute(f'SELECT {select} FROM "{name}"')  # noqa: S608
            tables[name] = sorted(repr(tuple(map(_comparable, row))) for row in rows)
    return tables


def indexed(path: Path) -> set:
    with closing(sqlite3.connect(path)) as db:
        return set(db.execute("SELECT content_type_id, object_id FROM wagtailsearch_indexentry"))


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def assert_same_database(source: Path, restored: Path):
    before, after = table_rows(source), table_rows(restored)
    assert sorted(before) == sorted(after)
    different = [name for name in before if before[name] != after[name]]
    assert not different, f"tables that differ after the round trip: {different}"
    assert indexed(source) <= indexed(restored), "records missing from the search index"
