"""Backups: the database and the uploaded files in one archive, restored without loss.

An archive is a .tar.gz holding, in this order:

- `manifest.json`: the format and its version, when and from which database it was made,
  the migrations the database had, the number of rows of every table, and the size and
  SHA-256 of every file;
- `data.json`: every row of every table, as Django's JSON serialisation (primary keys
  kept, times to the microsecond), so that a backup of SQLite restores into PostgreSQL
  and back;
- `media/…`: every file under MEDIA_ROOT (attachments, Wagtail documents and images).

Sessions are left out (everyone signs in again) and so is the search index (rebuilt).

A restore goes into a new, migrated, empty database only. The audit log's triggers refuse
to delete entries, so a restore could never replace a database's contents; it replaces
only the few rows that `migrate` itself creates (SEEDED), after checking that nothing else
is there. The backup must come from the same version of the platform (the same
migrations): restore with that version, then update and migrate.
"""

import datetime
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import wagtail

FORMAT = "digital-nations-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media/"
# A restore unpacks files here, inside MEDIA_ROOT, and moves them into place once the
# database is restored.
STAGING_PREFIX = ".restore-"

# Not saved: sessions (tied to this deployment's secret key) and the search index, which a
# restore rebuilds.
EXCLUDED_APPS = {"sessions", "wagtailsearch"}

# What `migrate` creates in an empty database: Django's content types and permissions;
# Wagtail's root and welcome pages, default site, locale, root collection, editor groups
# with their permissions and moderation workflow; the content clock. A restore replaces
# them with the backup's rows; every other table must be empty.
SEEDED = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "wagtailcore.page",
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.workflow",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowtask",
    "wagtailcore.task",
    "wagtailcore.groupapprovaltask",
    "core.contentclock",
}

CHUNK = 1024 * 1024
MANIFEST_KEYS = {"created_at", "database", "migrations", "data", "rows", "media"}


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds (Django's stops at
    milliseconds, which a round trip would lose)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


@dataclass
class Report:
    lines: list[str]
    warnings: list[str] = field(default_factory=list)

    def __str__(self):
        return "\n".join(self.lines)


def _size(count: float) -> str:
    if count < 1024:
        return f"{int(count)} bytes"
    for unit in ("KB", "MB", "GB"):
        count /= 1024
        if count < 1024 or unit == "GB":
            return f"{count:.1f} {unit}"


def _contents(rows: dict[str, int], media: list[dict]) -> str:
    files = "file" if len(media) == 1 else "files"
    return (
        f"{sum(rows.values())} rows in {len(rows)} tables and {len(media)} {files} "
        f"({_size(sum(entry['size'] for entry in media))})"
    )


def _listed(items: list[str], shown: int = 5) -> str:
    more = len(items) - shown
    return ", ".join(items[:shown]) + (f" and {more} more" if more > 0 else "")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def saved_models() -> list[type[models.Model]]:
    """The models whose rows a backup holds (concrete, managed, not excluded), content
    types first: loading a Wagtail page creates its content type if it is not there yet."""
    found = [
        model
        for app_config in apps.get_app_configs()
        if app_config.label not in EXCLUDED_APPS
        for model in app_config.get_models()
        if not model._meta.proxy and model._meta.managed
    ]
    return sorted(found, key=lambda model: model is not ContentType)


def _m2m_throughs(model) -> list[tuple[str, type[models.Model]]]:
    """The many-to-many fields of `model` whose table Django makes (saved with the model)."""
    return [
        (field.name, field.remote_field.through)
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]


def _tables(model_list) -> list[type[models.Model]]:
    """The models and their many-to-many tables: everything whose rows are counted."""
    return [
        table
        for model in model_list
        for table in [model, *(through for _, through in _m2m_throughs(model))]
    ]


def _count_rows(model_list) -> dict[str, int]:
    return {table._meta.label_lower: table._base_manager.count() for table in _tables(model_list)}


def _media_storage() -> Path:
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise CommandError(
            f"Files are kept by {type(storage).__name__}: backup and restore handle files "
            "in MEDIA_ROOT (FileSystemStorage) only."
        )
    return Path(storage.location)


def _migrations() -> list[list[str]]:
    """The latest migration of each app, or a CommandError if some are not applied."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    if executor.migration_plan(leaves):
        raise CommandError("The database has migrations to apply: run `manage.py migrate` first.")
    return sorted([app, name] for app, name in leaves)


# Backup -----------------------------------------------------------------------------------


def _objects(model_list):
    for model in model_list:
        yield from model._base_manager.order_by(model._meta.pk.name).iterator()


def _file_names(model_list) -> set[str]:
    """The names of the stored files that the database refers to."""
    names = set()
    for model in model_list:
        for model_field in model._meta.local_concrete_fields:
            if isinstance(model_field, models.FileField):
                values = model._base_manager.exclude(**{model_field.attname: ""})
                names.update(values.values_list(model_field.attname, flat=True))
    names.discard(None)
    return names


def _dump(path: Path) -> tuple[dict[str, int], set[str]]:
    """Write every row to `path` as one consistent snapshot; return the number of rows of
    each table and the names of the files the rows refer to."""
    model_list = saved_models()
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            # One snapshot for every query, so that concurrent writes cannot tear the dump.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        rows = _count_rows(model_list)
        with path.open("w", encoding="utf-8") as stream:
            serializers.serialize("json", _objects(model_list), stream=stream, cls=_Encoder)
        file_names = _file_names(model_list)
    written = _count_dumped(path)
    if written != {label: count for label, count in rows.items() if count}:
        raise CommandError("The data written does not match the database's row counts.")
    return rows, file_names


def _count_dumped(path: Path) -> dict[str, int]:
    """The number of rows of each table in a data file."""
    with path.open(encoding="utf-8") as stream:
        objects = json.load(stream)
    counts: dict[str, int] = {}
    throughs = {}
    for item in objects:
        label = item["model"]
        counts[label] = counts.get(label, 0) + 1
        if label not in throughs:
            throughs[label] = _m2m_throughs(apps.get_model(label))
        for name, through in throughs[label]:
            key = through._meta.label_lower
            counts[key] = counts.get(key, 0) + len(item["fields"].get(name, []))
    return {label: count for label, count in counts.items() if count}


def _media_files(root: Path) -> tuple[list[dict], list[str]]:
    """Every regular file under `root` with its size and SHA-256, and the symbolic links
    skipped."""
    files, skipped = [], []
    if not root.is_dir():
        return files, skipped
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            name for name in dirs if not (here == root and name.startswith(STAGING_PREFIX))
        )
        for name in sorted(names):
            path = here / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file():
                skipped.append(relative)
                continue
            stat = path.stat()
            files.append(
                {
                    "path": relative,
                    "size": stat.st_size,
                    "sha256": _sha256(path),
                    "mtime": int(stat.st_mtime),
                }
            )
    return files, skipped


class _HashingReader:
    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        block = self.stream.read(size)
        self.digest.update(block)
        return block


def _tar_info(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o644
    return info


def _add_file(tar: tarfile.TarFile, name: str, path: Path, entry: dict) -> None:
    try:
        with path.open("rb") as stream:
            reader = _HashingReader(stream)
            tar.addfile(_tar_info(name, entry["size"], entry["mtime"]), reader)
    except OSError as error:
        raise CommandError(f"{path} changed during the backup ({error}): run it again.") from None
    if reader.digest.hexdigest() != entry["sha256"]:
        raise CommandError(f"{path} changed during the backup: run it again.")


def _check_target(path: Path, force: bool, media_root: Path) -> None:
    if path.is_dir():
        raise CommandError(f"{path} is a directory: name the archive to write.")
    if path.exists() and not force:
        raise CommandError(f"{path} exists: pass --force to replace it.")
    if not path.parent.is_dir():
        raise CommandError(f"No such directory: {path.parent}")
    if path.resolve().is_relative_to(media_root.resolve()):
        raise CommandError(f"Write the backup outside MEDIA_ROOT ({media_root}).")


def backup_create(*, path: Path, force: bool = False) -> Report:
    """Write the database and MEDIA_ROOT to the archive `path`, atomically (a temporary
    file renamed when complete), readable by its owner only: it holds password hashes
    and two-factor secrets."""
    media_root = _media_storage()
    _check_target(path, force, media_root)
    migrations = _migrations()
    with tempfile.TemporaryDirectory(prefix="forum-backup-") as tmp:
        data_path = Path(tmp) / DATA
        rows, file_names = _dump(data_path)
        files, skipped = _media_files(media_root)
        data_stat = data_path.stat()
        data_entry = {
            "size": data_stat.st_size,
            "sha256": _sha256(data_path),
            "mtime": int(data_stat.st_mtime),
        }
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database": connection.vendor,
            "migrations": migrations,
            "data": {"size": data_entry["size"], "sha256": data_entry["sha256"]},
            "rows": rows,
            "media": files,
        }
        manifest_bytes = (json.dumps(manifest, indent=1) + "\n").encode()
        fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                    info = _tar_info(MANIFEST, len(manifest_bytes), data_entry["mtime"])
                    tar.addfile(info, io.BytesIO(manifest_bytes))
                    _add_file(tar, DATA, data_path, data_entry)
                    for entry in files:
                        _add_file(tar, MEDIA + entry["path"], media_root / entry["path"], entry)
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    report = Report(
        [
            f"Saved {_contents(rows, files)} to {path}.",
            f"The archive ({_size(path.stat().st_size)}) is readable by its owner only.",
        ]
    )
    missing = sorted(file_names - {entry["path"] for entry in files})
    if missing:
        report.warnings.append(
            f"Files named in the database are not in MEDIA_ROOT ({media_root}), so not in "
            f"the backup: {_listed(missing)}."
        )
    if skipped:
        report.warnings.append(
            f"Symbolic links and special files in MEDIA_ROOT are not in the backup: "
            f"{_listed(skipped)}."
        )
    return report


# Restore ----------------------------------------------------------------------------------


def _read_manifest(tar: tarfile.TarFile, path: Path) -> dict:
    member = tar.next()
    if member is None or member.name != MANIFEST or not member.isfile():
        raise CommandError(f"{path} is not a backup made by `manage.py backup` (no manifest).")
    try:
        manifest = json.loads(tar.extractfile(member).read())
    except ValueError:
        raise CommandError(f"{path} has a damaged manifest.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CommandError(f"{path} is not a backup made by `manage.py backup`.")
    if manifest.get("version") != FORMAT_VERSION:
        raise CommandError(
            f"{path} is in version {manifest.get('version')!r} of the backup format; this "
            f"version of the platform reads version {FORMAT_VERSION}."
        )
    if MANIFEST_KEYS - manifest.keys():
        raise CommandError(f"{path} has a damaged manifest.")
    return manifest


def _by_app(leaves) -> dict[str, list[str]]:
    by_app: dict[str, list[str]] = {}
    for app, name in leaves:
        by_app.setdefault(app, []).append(name)
    return by_app


def _check_database(manifest: dict, path: Path) -> None:
    """Refuse a database that is not migrated, is at other migrations than the backup, or
    holds anything beyond what `migrate` creates."""
    try:
        here = _migrations()
    except CommandError:
        raise CommandError(
            "The database is not migrated: run `manage.py migrate`, then restore."
        ) from None
    if here != manifest["migrations"]:
        ours, theirs = _by_app(here), _by_app(manifest["migrations"])
        differences = [
            f"{app}: backup {', '.join(theirs.get(app, ['none']))}, "
            f"this database {', '.join(ours.get(app, ['none']))}"
            for app in sorted(set(ours) | set(theirs))
            if ours.get(app) != theirs.get(app)
        ]
        raise CommandError(
            f"{path} was made by another version of the platform (its migrations differ: "
            + "; ".join(differences)
            + "). Restore it with the version that made it, then update and migrate."
        )
    non_empty = [
        f"{label} ({count})"
        for label, count in _count_rows(
            [model for model in saved_models() if model._meta.label_lower not in SEEDED]
        ).items()
        if count
    ]
    if non_empty:
        raise CommandError(
            f"The database is not empty: it has rows in {_listed(non_empty)}. A backup is "
            "restored into a new database only: create one, run `manage.py migrate` (and "
            "nothing else) on it, then restore."
        )


def _media_path(name: str) -> str | None:
    """The relative path of a media member, or None if it is not a plain, safe path."""
    relative = name[len(MEDIA) :]
    parts = PurePosixPath(relative)
    if (
        not relative
        or "\\" in relative
        or parts.is_absolute()
        or parts.as_posix() != relative
        or any(part in {".", ".."} for part in parts.parts)
        or parts.parts[0].startswith(STAGING_PREFIX)
    ):
        return None
    return relative


def _extract(tar, member, target: Path, size: int, sha256: str, label: str, path: Path):
    if not member.isfile() or member.size != size:
        raise CommandError(f"{path} is damaged: {label} is not as the manifest says.")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    source = tar.extractfile(member)
    with target.open("wb") as stream:
        while block := source.read(CHUNK):
            digest.update(block)
            stream.write(block)
    if digest.hexdigest() != sha256:
        raise CommandError(f"{path} is damaged: the checksum of {label} does not match.")


def _unpack(tar, manifest: dict, path: Path, tmp: Path, staging: Path) -> Path:
    """Unpack data.json into `tmp` and the files into `staging`, checking each against the
    manifest; return the data file."""
    expected = {entry["path"]: entry for entry in manifest["media"]}
    data_path = tmp / DATA
    seen = set()
    members = iter(tar)
    next(members)  # the manifest, read already
    for member in members:
        if member.name in seen:
            raise CommandError(f"{path} is damaged: {member.name} appears twice.")
        seen.add(member.name)
        if member.name == DATA:
            entry = manifest["data"]
            _extract(tar, member, data_path, entry["size"], entry["sha256"], DATA, path)
            continue
        relative = _media_path(member.name) if member.name.startswith(MEDIA) else None
        if relative is None or relative not in expected:
            raise CommandError(f"{path} holds an unexpected entry: {member.name}")
        entry = expected[relative]
        target = staging / relative
        _extract(tar, member, target, entry["size"], entry["sha256"], member.name, path)
        os.utime(target, (entry["mtime"], entry["mtime"]))
    missing = [DATA] if DATA not in seen else []
    missing += [MEDIA + name for name in expected if MEDIA + name not in seen]
    if missing:
        raise CommandError(f"{path} is incomplete: {_listed(missing)} missing.")
    return data_path


def _files_to_move(manifest: dict, media_root: Path, force: bool) -> tuple[list[str], int]:
    """The files to move into MEDIA_ROOT (those not already there, identical), and how
    many are already there. Different files in the way are refused unless `force`."""
    to_move, identical, conflicts = [], 0, []
    for entry in manifest["media"]:
        target = media_root / entry["path"]
        blocked = next((p for p in target.parents if p.is_file() and p != media_root), None)
        if blocked or target.is_dir():
            raise CommandError(f"{blocked or target} is in the way of a file of the backup.")
        if target.is_file() and not target.is_symlink() and _sha256(target) == entry["sha256"]:
            identical += 1
            continue
        if target.exists() or target.is_symlink():
            conflicts.append(entry["path"])
        to_move.append(entry["path"])
    if conflicts and not force:
        raise CommandError(
            f"Files in MEDIA_ROOT ({media_root}) differ from the backup's: "
            f"{_listed(conflicts)}. Move them away, or pass --force to replace them."
        )
    return to_move, identical


def _wipe_seeded() -> None:
    """Delete the rows `migrate` created, which the backup's rows replace (references
    between them are checked when the transaction ends)."""
    tables = _tables([apps.get_model(label) for label in sorted(SEEDED)])
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table._meta.db_table)}")  # noqa: S608
    ContentType.objects.clear_cache()


def _load(data_path: Path, manifest: dict) -> None:
    """Load the rows, rebuild the search index and check every table's row count, in one
    transaction: on any error the database is left as it was."""
    with transaction.atomic():
        _wipe_seeded()
        call_command("loaddata", str(data_path), verbosity=0)
        ContentType.objects.clear_cache()
        call_command("update_index", verbosity=0)
        wrong = []
        for label, expected in manifest["rows"].items():
            count = apps.get_model(label)._base_manager.count()
            if count != expected:
                wrong.append(f"{label} ({count} rows, the backup has {expected})")
        if wrong:
            raise CommandError(f"Restore abandoned, row counts differ: {_listed(wrong)}.")


def backup_restore(*, path: Path, force: bool = False) -> Report:
    """Restore the archive `path` into this (new, migrated, empty) database and
    MEDIA_ROOT. The files are unpacked and checked first, beside MEDIA_ROOT's; the rows
    are loaded and counted in one transaction; only then are the files moved into place.
    """
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    media_root = _media_storage()
    try:
        tar = tarfile.open(path, "r:*")  # noqa: SIM115 (closed below)
    except (tarfile.TarError, OSError):
        raise CommandError(f"{path} is not a backup archive (a .tar.gz).") from None
    staging = None
    loaded = moved = False
    try:
        with tar, tempfile.TemporaryDirectory(prefix="forum-restore-") as tmp:
            manifest = _read_manifest(tar, path)
            _check_database(manifest, path)
            media_root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))
            data_path = _unpack(tar, manifest, path, Path(tmp), staging)
            to_move, identical = _files_to_move(manifest, media_root, force)
            _load(data_path, manifest)
            loaded = True
            for relative in to_move:
                target = media_root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / relative, target)
            moved = True
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise CommandError(f"{path} is damaged ({error}).") from None
    except OSError as error:
        if loaded and not moved:
            raise CommandError(
                f"The database is restored, but moving the files into MEDIA_ROOT failed "
                f"({error}). The files not yet moved are in {staging}: move them into "
                "MEDIA_ROOT by hand."
            ) from None
        raise
    finally:
        if staging is not None and (moved or not loaded):
            shutil.rmtree(staging, ignore_errors=True)
    report = Report(
        [
            f"Restored {_contents(manifest['rows'], manifest['media'])} from {path}, made "
            f"{manifest['created_at']} on {manifest['database']}.",
            "Every table's row count and every file's checksum match its manifest.",
        ]
    )
    if identical:
        report.lines.append(f"{identical} of the files were in MEDIA_ROOT already, identical.")
    report.lines.append("The search index is rebuilt; everyone signs in again.")
    return report
