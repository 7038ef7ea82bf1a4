"""Backup and restore: the database and the files in one archive, restored into a new
database without losing a row or a byte; bad archives and unsafe databases are refused.

The round trips run the commands as an operator would, in processes of their own, on
SQLite files made from one migrated database (and on PostgreSQL when DATABASE_URL
names it)."""

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from forum.members.models import Member
from forum.site import backup

from .commands import assert_same_database, copy_sqlite, environment, files, manage

# Records of many kinds, beside the forum's data: accounts with two-factor devices, a
# published practice with a file (its revision, audit entries, notifications, queued
# email), a translation, an alert subscription, Wagtail documents, images, renditions and
# a page revision.
CREATE_RECORDS = """
import io
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as Picture
from pypdf import PdfWriter
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page
from forum.accounts.models import User
from forum.alerts.models import Subscription
from forum.core.models import Translation
from forum.core.services import audit_record
from forum.members.models import Member
from forum.notifications.services import notification_send
from forum.practices import services

estonia = Member.objects.get(iso_code="EE")
password = "correct horse battery staple 42"
secretariat = User.objects.create_user(
    username="sam@example.org", email="sam@example.org", password=password,
    role="secretariat", is_staff=True, is_superuser=True,
)
TOTPDevice.objects.create(user=secretariat, name="Phone", confirmed=True)
codes = StaticDevice.objects.create(user=secretariat, name="Recovery codes", confirmed=True)
codes.token_set.create(token="abcd1234")
author = User.objects.create_user(
    username="kadri@example.ee", email="kadri@example.ee", password=password,
    role="representative", member=estonia, first_name="Kadri", last_name="Tamm",
)
writer = PdfWriter()
writer.add_blank_page(width=200, height=200)
pdf = io.BytesIO()
writer.write(pdf)
practice = services.practice_create(
    actor=author, member=estonia, title="Proactive services for new parents",
    summary="Parents of a newborn get their benefits without applying.",
    problem="Paper forms.", approach="The register tells the benefits system.",
    results="Nine in ten families.", visibility="public", themes=["families"],
    new_attachment=SimpleUploadedFile("Report (final).pdf", pdf.getvalue(), "application/pdf"),
    attachment_title="The report",
)
services.practice_submit(actor=author, practice=practice)
services.practice_publish(actor=secretariat, practice=practice)
audit_record(actor=secretariat, action="note", obj=estonia, before={"b": 1, "a": [1]}, after={})
Translation.objects.create(
    content_type=ContentType.objects.get_for_model(practice), object_id=str(practice.pk),
    field="title", language="fr", text="Services proactifs pour les jeunes parents",
)
Subscription.objects.create(email="reader@example.org", list="news", confirmed_at=timezone.now())
notification_send(recipients=[author], kind="answer", subject="Someone answered", url="/workspace/")
Document.objects.create(title="Report", file=ContentFile(pdf.getvalue(), name="report.pdf"))
png = io.BytesIO()
Picture.new("RGB", (40, 30), "teal").save(png, "PNG")
image = Image.objects.create(
    title="Teal", file=ContentFile(png.getvalue(), name="teal.png"), width=40, height=30
)
image.get_rendition("fill-20x20")
home = Page.objects.get(depth=2).specific
home.lead += " (draft)"
home.save_revision(user=secretariat)
"""


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A new database with every migration applied, as `migrate` leaves it."""
    folder = tmp_path_factory.mktemp("migrated")
    database = folder / "db.sqlite3"
    manage(environment(folder / "media", sqlite=database), "migrate", "-v0")
    return database


@pytest.fixture(scope="module")
def source(migrated, tmp_path_factory):
    """The forum's data and records of every kind, with their files, and a backup of it."""
    folder = tmp_path_factory.mktemp("source")
    database = copy_sqlite(migrated, folder / "db.sqlite3")
    media = folder / "media"
    env = environment(media, sqlite=database)
    manage(env, "load_forum_data", "-v0")
    manage(env, "shell", "-v0", "-c", CREATE_RECORDS)
    archive = folder / "backup.tar.gz"
    output = manage(env, "backup", archive).stdout
    assert f"4 files (1.0 KB) to {archive}" in output
    return {"database": database, "media": media, "archive": archive}


def test_a_backup_restores_into_a_new_database_without_losing_anything(source, migrated, tmp_path):
    database = copy_sqlite(migrated, tmp_path / "db.sqlite3")
    media = tmp_path / "media"
    env = environment(media, sqlite=database)
    in_the_way = media / next(iter(files(source["media"])))
    in_the_way.parent.mkdir(parents=True)
    in_the_way.write_bytes(b"another file")

    refused = manage(env, "restore", source["archive"], check=False)
    assert refused.returncode == 1
    assert "differ from the backup's" in refused.stderr
    assert "--force" in refused.stderr
    assert files(media) == {in_the_way.relative_to(media).as_posix(): b"another file"}

    output = manage(env, "restore", source["archive"], "--force").stdout
    assert "Every table's row count and every file's checksum match" in output
    assert_same_database(source["database"], database)
    assert files(media) == files(source["media"])
    assert "The audit log's chain is whole" in manage(env, "audit_verify").stdout


def test_a_backup_moves_from_sqlite_to_postgresql_and_back(source, migrated, tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("restores into PostgreSQL when DATABASE_URL=postgres://… is set")
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"{parts.path.strip('/')}_restore_{os.getpid()}"
    server = psycopg.connect(
        host=parts.hostname,
        port=parts.port,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )
    server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        postgres = environment(
            tmp_path / "pg-media", database_url=parts._replace(path=f"/{name}").geturl()
        )
        manage(postgres, "migrate", "-v0")
        manage(postgres, "restore", source["archive"])
        manage(postgres, "backup", tmp_path / "from-postgresql.tar.gz")
        # New rows take ids after the restored ones.
        manage(
            postgres,
            "shell",
            "-v0",
            "-c",
            "from forum.accounts.models import User\n"
            "from forum.core.services import audit_record\n"
            "user = User.objects.create_user(username='new@example.org', password='x' * 20)\n"
            "audit_record(actor=user, action='note', obj=user)",
        )
        # The audit log's chain holds across databases, and goes on after the restore.
        assert "The audit log's chain is whole" in manage(postgres, "audit_verify").stdout
    finally:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        server.close()

    database = copy_sqlite(migrated, tmp_path / "db.sqlite3")
    back = environment(tmp_path / "media", sqlite=database)
    manage(back, "restore", tmp_path / "from-postgresql.tar.gz")
    assert_same_database(source["database"], database)
    assert "The audit log's chain is whole" in manage(back, "audit_verify").stdout
    assert files(tmp_path / "media") == files(source["media"])


# The archive and the refusals, in this process ---------------------------------------------


def make_archive(path: Path, manifest: dict, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, content in {
            "manifest.json": json.dumps(manifest).encode(),
            **members,
        }.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return path


def valid_manifest(**values) -> dict:
    data = b"[]"
    return {
        "format": backup.FORMAT,
        "version": backup.FORMAT_VERSION,
        "created_at": "2026-01-01T00:00:00+00:00",
        "database": "sqlite",
        "migrations": [],
        "data": {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()},
        "rows": {},
        "media": [],
        **values,
    }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_backup_holds_a_manifest_every_row_and_every_file(db, media_root, tmp_path):
    (media_root / "documents").mkdir(parents=True)
    (media_root / "documents" / "charter.pdf").write_bytes(b"%PDF-1.7 charter")
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", archive, verbosity=0)

    assert archive.stat().st_mode & 0o777 == 0o600
    with tarfile.open(archive) as tar:
        assert tar.getnames() == ["manifest.json", "data.json", "media/documents/charter.pdf"]
        manifest = json.load(tar.extractfile("manifest.json"))
        data = json.load(tar.extractfile("data.json"))
        assert tar.extractfile("media/documents/charter.pdf").read() == b"%PDF-1.7 charter"
    assert manifest["format"] == backup.FORMAT
    assert manifest["version"] == backup.FORMAT_VERSION
    assert manifest["rows"]["members.member"] == Member.objects.count()
    assert len([item for item in data if item["model"] == "members.member"]) == (
        Member.objects.count()
    )
    assert not any(item["model"].startswith(("sessions.", "wagtailsearch.")) for item in data)
    assert manifest["media"] == [
        {
            "path": "documents/charter.pdf",
            "size": 16,
            "sha256": hashlib.sha256(b"%PDF-1.7 charter").hexdigest(),
            "mtime": manifest["media"][0]["mtime"],
        }
    ]


def test_a_backup_keeps_times_to_the_microsecond(db, media_root, tmp_path):
    from forum.core.models import ContentClock

    ContentClock.objects.update_or_create(
        pk=1, defaults={"changed_at": "2026-03-04T05:06:07.123456Z"}
    )
    call_command("backup", tmp_path / "backup.tar.gz", verbosity=0)

    with tarfile.open(tmp_path / "backup.tar.gz") as tar:
        data = json.load(tar.extractfile("data.json"))
    clock = next(item for item in data if item["model"] == "core.contentclock")
    assert clock["fields"]["changed_at"] == "2026-03-04T05:06:07.123456+00:00"


def test_a_backup_does_not_replace_a_file_unless_forced(db, media_root, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"last week's backup")

    with pytest.raises(CommandError, match="exists: pass --force"):
        call_command("backup", archive)
    assert archive.read_bytes() == b"last week's backup"

    call_command("backup", archive, "--force", verbosity=0)
    assert tarfile.is_tarfile(archive)
    assert [path.name for path in tmp_path.iterdir()] == ["backup.tar.gz"]


def test_restoring_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("restore", tmp_path / "missing.tar.gz")


def test_restoring_something_else_than_an_archive_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("not an archive")
    with pytest.raises(CommandError, match="is not a backup archive"):
        call_command("restore", tmp_path / "notes.txt")


def test_an_archive_without_a_manifest_is_refused(tmp_path):
    archive = tmp_path / "backup.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.addfile(tarfile.TarInfo("data.json"), io.BytesIO(b""))
    with pytest.raises(CommandError, match="not a backup made by `manage.py backup`"):
        call_command("restore", archive)


def test_another_version_of_the_format_is_refused(tmp_path):
    archive = make_archive(tmp_path / "backup.tar.gz", valid_manifest(version=99), {})
    with pytest.raises(CommandError, match="version 99 of the backup format"):
        call_command("restore", archive)


def test_a_backup_of_other_migrations_is_refused(db, media_root, tmp_path):
    migrations = [*backup._migrations(), ["core", "9999_future"]]
    archive = make_archive(tmp_path / "b.tar.gz", valid_manifest(migrations=migrations), {})
    with pytest.raises(CommandError, match="made by another version of the platform"):
        call_command("restore", archive)


def test_a_database_that_is_not_empty_is_refused_and_left_alone(db, media_root, tmp_path):
    manifest = valid_manifest(migrations=backup._migrations())
    archive = make_archive(tmp_path / "backup.tar.gz", manifest, {"data.json": b"[]"})
    members = Member.objects.count()

    with pytest.raises(CommandError, match="The database is not empty") as refusal:
        call_command("restore", archive)

    assert "core.translation (" in str(refusal.value)
    assert "run `manage.py migrate` (and nothing else)" in str(refusal.value)
    assert Member.objects.count() == members
    assert not media_root.exists()


@pytest.fixture
def any_database(monkeypatch):
    """Skip the checks of the database, to reach the checks of the archive's contents."""
    monkeypatch.setattr(backup, "_check_database", lambda manifest, path: None)


def test_a_file_that_does_not_match_its_checksum_is_refused(any_database, media_root, tmp_path):
    manifest = valid_manifest(
        media=[{"path": "documents/a.pdf", "size": 5, "sha256": "0" * 64, "mtime": 0}]
    )
    archive = make_archive(
        tmp_path / "backup.tar.gz",
        manifest,
        {"data.json": b"[]", "media/documents/a.pdf": b"%PDF-"},
    )
    with pytest.raises(CommandError, match="checksum of media/documents/a.pdf does not match"):
        call_command("restore", archive)
    assert list(media_root.iterdir()) == []


def media_entry(path: str, content: bytes) -> dict:
    """A manifest's line for one media file."""
    return {
        "path": path,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "mtime": 0,
    }


def test_a_path_out_of_media_root_is_refused(any_database, media_root, tmp_path):
    content = b"escaped"
    entry = media_entry("../escaped.txt", content)
    archive = make_archive(
        tmp_path / "backup.tar.gz",
        valid_manifest(media=[entry]),
        {"data.json": b"[]", "media/../escaped.txt": content},
    )
    with pytest.raises(CommandError, match="unexpected entry: media/../escaped.txt"):
        call_command("restore", archive)
    assert not (tmp_path / "escaped.txt").exists()
    assert list(media_root.iterdir()) == []


def test_a_truncated_archive_is_refused(any_database, media_root, tmp_path):
    content = os.urandom(200_000)
    entry = media_entry("big.bin", content)
    archive = make_archive(
        tmp_path / "backup.tar.gz",
        valid_manifest(media=[entry]),
        {"data.json": b"[]", "media/big.bin": content},
    )
    archive.write_bytes(archive.read_bytes()[:100_000])
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore", archive)
    assert list(media_root.iterdir()) == []
