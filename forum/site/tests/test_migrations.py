"""An existing database migrates without loss: one made by the release before the home
and About pages, the forum's names and the loader's fingerprints moved from `core` to
`site` (the code of that commit, taken from git, with its own migrations and loader) is
migrated by today's code; every row is kept, and the site and the loader work on it."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing

import pytest
import yaml

from .commands import ROOT, environment, manage, table_columns, table_rows

# The last commit before the move (migrations core 0005 and site 0001).
BEFORE_THE_MOVE = "d1fa17e42030a340297c2c4b43362b9c20b1d2ed"
MOVED = {"homepage", "aboutpage", "forumname", "loadedrecord"}
# Apps added since that release: their tables, content types and permissions are new.
ADDED_APPS = {"policies", "contact", "decisions", "statements"}


def old_release(target):
    """The code of BEFORE_THE_MOVE in `target`, or a skip where git cannot give it
    (CI runs in a clone, where it must)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", BEFORE_THE_MOVE],
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        if os.environ.get("CI"):
            pytest.fail(f"git archive {BEFORE_THE_MOVE}: {archive.stderr.decode()}")
        pytest.skip("needs the project's git history")
    target.mkdir()
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def todays_data(old):
    """Today's data files in the old release, without the translations of records it does
    not have yet (the old loader refuses a section it does not know)."""
    translations = old / "forum" / "data" / "translations"
    known = {}  # {file: {section: the fields its records translate}}
    for path in translations.iterdir():
        sections = yaml.safe_load(path.read_text())
        known[path.name] = {
            section: {field for record in records.values() for field in record}
            for section, records in sections.items()
        }
    shutil.copytree(ROOT / "forum" / "data", old / "forum" / "data", dirs_exist_ok=True)
    for name, sections in known.items():
        path = translations / name
        data = yaml.safe_load(path.read_text())
        kept = {
            section: {
                key: {field: text for field, text in record.items() if field in sections[section]}
                for key, record in records.items()
            }
            for section, records in data.items()
            if section in sections
        }
        path.write_text(yaml.safe_dump(kept, allow_unicode=True), encoding="utf-8")
    # The old release has no "external publication" type: it loads that paper as a report.
    facts = old / "forum" / "data" / "digital-nations.yaml"
    facts.write_text(facts.read_text().replace("type: external\n", "type: report\n"))


def app_labels(database) -> list[str]:
    with closing(sqlite3.connect(database)) as db:
        return [row[0] for row in db.execute("SELECT app_label FROM django_content_type")]


def content_types(database) -> dict[str, str]:
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT model, app_label FROM django_content_type")
        return {model: app for model, app in rows if model in MOVED}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_database_of_the_release_before_the_move_migrates_without_loss(tmp_path):
    old = old_release(tmp_path / "old")
    # Today's data, so that what the loader reports below is about the migration only.
    todays_data(old)
    database = tmp_path / "db.sqlite3"
    env = environment(tmp_path / "media", sqlite=database)
    manage(env, "migrate", "-v0", root=old)
    manage(env, "load_forum_data", "-v0", root=old)
    with closing(sqlite3.connect(database)) as db, db:
        db.executemany(
            "INSERT INTO core_auditentry (at, actor_label, action, object_type, object_id, "
            "object_repr, before, after) VALUES (?, ?, 'update', 'members.Member', '1', ?, ?, ?)",
            [
                ("2025-05-01 10:00:00.123456", "sam@example.org", "Estonia", None, '{"n": 1}'),
                ("2025-05-01 10:00:01", "system", "Eesti", '{"n": 1}', '{"n": 2.0, "x": 1e16}'),
                ("2025-05-02 09:30:00.5", "kadri@example.ee", "Tõnis", '{"w": "T\\u00f5"}', None),
            ],
        )
    before = table_rows(database)
    columns = table_columns(database)
    assert set(content_types(database).values()) == {"core"}

    manage(env, "migrate", "-v0")

    # Every row keeps every value it had (later migrations may add columns, and apps added
    # since, their own empty tables, content types and permissions).
    after = table_rows(database, columns)
    assert set(before) <= set(after), "no table removed"
    added = set(after) - set(before)
    assert all(table.split("_")[0] in ADDED_APPS and not after[table] for table in added), added
    changed = {name for name in before if before[name] != after[name]}
    allowed = {"django_content_type", "core_loadedrecord", "django_migrations", "auth_permission"}
    # documents 0007: communiqués and reports are "published", not "in force" (#13).
    allowed |= {"documents_document"}
    assert len(after["documents_document"]) == len(before["documents_document"])
    assert changed <= allowed, changed
    assert set(before["auth_permission"]) <= set(after["auth_permission"])
    assert len(after["core_homepage"]) == len(after["core_aboutpage"]) == 1
    assert after["core_forumname"] == before["core_forumname"]
    assert after["wagtailcore_page"] == before["wagtailcore_page"]
    assert after["core_translation"] == before["core_translation"]
    # The content types keep their ids (pages, permissions and translations point at
    # them) and take their new app; so do the loader's fingerprints.
    assert content_types(database) == dict.fromkeys(MOVED, "site")
    labels = app_labels(database)
    assert len([label for label in labels if label not in ADDED_APPS]) == len(
        before["django_content_type"]
    )
    keys = "\n".join(after["core_loadedrecord"])
    assert "'site.ForumName:D5'" in keys
    assert "'core.ForumName:" not in keys
    assert keys.count("'core.Translation:") == "\n".join(before["core_loadedrecord"]).count(
        "'core.Translation:"
    )

    # The audit log's entries written before are chained, in the order of their ids.
    report = manage(env, "audit_verify").stdout
    assert report.startswith("The audit log's chain is whole: 3 entries."), report

    # Each version's year is filled in from its date.
    with closing(sqlite3.connect(database)) as db:
        years = db.execute("SELECT date, year FROM documents_documentversion").fetchall()
    assert years and all(int(date[:4]) == year for date, year in years)

    # The loader recognises everything it wrote before: nothing looks edited in /cms/. It
    # only adds what came since (the policy and contact pages, served below).
    report = manage(env, "load_forum_data").stdout
    # (It updates the documents whose record gained fields since: their official text's
    # place, the external publication's type.)
    assert report.splitlines()[0].endswith(" updated, 0 kept as edited in the CMS."), report
    loaded = table_rows(database, columns)["core_loadedrecord"]
    assert {row[1] for row in after["core_loadedrecord"]} <= {row[1] for row in loaded}
    # And the pages are the pages.
    check = manage(
        {**env, "DEBUG": "true"},  # static files by their names, without collectstatic
        "shell",
        "-v0",
        "-c",
        "from django.test import Client\n"
        "from wagtail.models import Page\n"
        "from forum.site.models import AboutPage, HomePage\n"
        "assert isinstance(Page.objects.get(depth=2).specific, HomePage)\n"
        "assert isinstance(Page.objects.get(slug='about').specific, AboutPage)\n"
        "client = Client(HTTP_HOST='localhost')\n"
        "for path in ('/', '/about/', '/fr/about/', '/privacy/', '/fr/contact/'):\n"
        "    response = client.get(path)\n"
        "    assert response.status_code == 200, (path, response.status_code)\n"
        "print(client.get('/about/').content.decode())\n",
    ).stdout
    assert "We, Digital Nations, lead digital government transformation" in check
    assert "D5" in check
