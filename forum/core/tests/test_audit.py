"""The audit log: append-only down to the database, the secretariat's viewer, snapshots
that are JSON-safe and keep secrets out, and every write in /cms/ recorded with its
values before and after."""

import datetime
import decimal
import json

import pytest

from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from forum.accounts.models import User
from forum.core.models import AuditEntry, audit_hash, audit_personal_digest
from forum.core.services import audit_changes, audit_record, audit_snapshot, jsonable
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.site.models import AboutPage, ForumName
from forum.site.wagtail_hooks import audit_menu_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def secretariat_client(verified_secretariat_client):
    """The secretariat, signed in with a verified second factor."""
    return verified_secretariat_client


def _entry(**fields):
    values = {"actor": None, "action": "update", "obj": Member.objects.get(iso_code="EE")}
    values.update(fields)
    return audit_record(**values)


# Append-only


def test_the_model_refuses_to_change_or_delete_an_entry():
    entry = _entry(before={"name": "a"}, after={"name": "b"})
    entry.action = "forged"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "update"


def test_the_database_refuses_raw_sql_updates_and_deletes():
    entry = _entry(before={"name": "a"}, after={"name": "b"})
    table = AuditEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET action = %s WHERE id = %s", ["forged", entry.pk])  # noqa: S608
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [entry.pk])  # noqa: S608
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    # The base manager (which Django's deletion uses) is refused by the database too.
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry._base_manager.filter(pk=entry.pk).update(action="forged")
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.action == "update"
    # Appending still works.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE id = %s", [entry.pk])  # noqa: S608
        assert cursor.fetchone()[0] == 1
    _entry(action="create")


# The chain


def _stored(entry):
    return AuditEntry.objects.get(pk=entry.pk)


def test_each_entry_is_chained_to_the_one_before():
    first, second, third = (_entry(action=f"step {n}", after={"n": n}) for n in range(3))
    first, second, third = _stored(first), _stored(second), _stored(third)
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    for entry in (first, second, third):
        assert len(entry.hash) == 64
        assert entry.hash == audit_hash(entry)
        assert entry.personal_digest == audit_personal_digest(entry)
    # The hash covers the columns that never change, and the personal ones through their
    # digest.
    third.action = "forged"
    assert audit_hash(third) != third.hash
    third = _stored(third)
    third.after = {"n": 99}
    assert audit_personal_digest(third) != third.personal_digest


def test_values_hash_alike_before_and_after_the_database():
    # PostgreSQL's jsonb gives 1e16 back as an integer and keeps 5.0 as 5.0; inet spells
    # an IPv4-mapped address its own way.
    values = {"big": 1e16, "huge": 1.5e300, "tiny": 1.5e-7, "whole": 5.0, "word": "Tõnis"}
    entry = _entry(after=values)
    with audit_request_for("::ffff:192.0.2.1"):
        mapped = _entry(action="create")
    for written in (entry, mapped):
        stored = _stored(written)
        assert stored.personal_digest == written.personal_digest == audit_personal_digest(stored)
        assert stored.hash == written.hash == audit_hash(stored)
    assert _stored(mapped).client_address is not None


def audit_request_for(address):
    from contextlib import contextmanager

    from forum.core.services import audit_request

    @contextmanager
    def answering():
        token = audit_request.set(RequestFactory().get("/", REMOTE_ADDR=address))
        try:
            yield
        finally:
            audit_request.reset(token)

    return answering()


def test_an_entry_written_while_answering_a_request_has_the_clients_address():
    with audit_request_for("198.51.100.23"):
        entry = _entry(action="create")
    assert _stored(entry).client_address == "198.51.100.23"
    with audit_request_for("not an address"):
        assert _stored(_entry(action="create")).client_address is None
    assert _stored(_entry(action="create")).client_address is None  # no request


def test_an_entry_about_an_address_with_a_nul_character_is_written():
    # PostgreSQL refuses NUL in text and JSON: a hostile address must not turn a refusal
    # into an error.
    entry = audit_record(actor=None, action="access.refused", obj="/a\x00b", after={"p": "\x00"})
    stored = _stored(entry)
    assert stored.object_type == "" and stored.object_repr == "/a\ufffdb"
    assert stored.hash == audit_hash(stored)


def test_the_database_lets_through_only_a_pseudonymisation():
    entry = _entry(before={"name": "Kadri"}, after={"name": "Kadri Tamm"})
    table = AuditEntry._meta.db_table
    now = timezone.now()
    refused = [
        # Personal values changed without saying so.
        ("UPDATE {t} SET object_repr = %s WHERE id = %s", ["someone else", entry.pk]),
        # A column that never changes, with redacted_at set.
        ("UPDATE {t} SET action = %s, redacted_at = %s WHERE id = %s", ["x", now, entry.pk]),
        ("UPDATE {t} SET hash = %s, redacted_at = %s WHERE id = %s", ["0" * 64, now, entry.pk]),
        ("UPDATE {t} SET prev_hash = %s, redacted_at = %s WHERE id = %s", ["f", now, entry.pk]),
        ("UPDATE {t} SET at = %s, redacted_at = %s WHERE id = %s", [now, now, entry.pk]),
    ]
    for sql, params in refused:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql.format(t=table), params)
    AuditEntry._base_manager.filter(pk=entry.pk).update(
        object_repr="deleted person #1", before=None, after=None, redacted_at=now
    )
    stored = _stored(entry)
    assert stored.object_repr == "deleted person #1" and stored.redacted_at is not None
    assert stored.hash == entry.hash == audit_hash(stored)  # still in the chain


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TRUNCATE")
def test_postgresql_refuses_truncate_unless_the_session_allows_it():
    _entry(action="create")
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        # The tests' connections allow it (the root conftest.py): pytest-django empties the
        # database with TRUNCATE after a transactional test.
        cursor.execute("SHOW forum.audit_truncate")
        assert cursor.fetchone()[0] == "allow"
    for value in ("no", ""):  # "": as in any other session
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT set_config('forum.audit_truncate', %s, true)", [value])
            cursor.execute(f"TRUNCATE {table}")
    assert AuditEntry.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's advisory lock")
def test_writers_queue_for_the_chain_on_postgresql():
    """An entry is chained under a transaction-level advisory lock: another connection
    cannot take it (so cannot append) until this transaction ends."""
    import psycopg

    from forum.core.services import CHAIN_LOCK

    _entry(action="create")  # inside the test's transaction, still open
    params = connection.get_connection_params()
    with psycopg.connect(**params) as other:
        taken = other.execute("SELECT pg_try_advisory_xact_lock(%s)", [CHAIN_LOCK]).fetchone()
        assert taken == (False,)


# Snapshots


def test_snapshots_are_json_safe():
    group = WorkingGroup.objects.get(slug="data-360")
    snapshot = audit_snapshot(group)
    json.dumps(snapshot)  # no TypeError
    assert snapshot["slug"] == "data-360"
    assert snapshot["established"] == group.established.isoformat()
    assert snapshot["lead"] == group.lead_id
    assert snapshot["participants"] == sorted(group.participants.values_list("pk", flat=True))
    assert isinstance(snapshot["lead_history"], list)
    assert all("period" in lead and "group" not in lead for lead in snapshot["lead_history"])

    assert jsonable(decimal.Decimal("1.50")) == "1.50"
    assert jsonable(datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)).startswith(
        "2026-01-02T03:04"
    )
    assert jsonable({"when": datetime.date(2026, 1, 2), "ids": {3, 1}}) == {
        "when": "2026-01-02",
        "ids": [1, 3],
    }
    assert jsonable(b"\x00\x01") == "<2 bytes>"


def test_snapshots_of_files_record_the_stored_name():
    from wagtail.documents.models import Document

    document = Document(title="Minutes")
    document.file.save("minutes.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    snapshot = audit_snapshot(document)
    assert snapshot["file"].startswith("documents/minutes")
    json.dumps(snapshot)
    document.file.delete(save=False)


def test_snapshots_keep_secrets_out(make_user):
    user = make_user("representative", member="EE")
    snapshot = audit_snapshot(user)
    assert user.password not in json.dumps(snapshot)
    assert snapshot["password"].startswith("[hidden] ")
    assert snapshot["email"] == user.email
    before = snapshot["password"]
    user.set_password("another long passphrase 77")
    after = audit_snapshot(user)["password"]
    assert after != before  # a change shows, the value does not
    assert [name for name, _, _ in audit_changes(snapshot, audit_snapshot(user))] == ["password"]


def test_audit_record_makes_caller_values_json_safe(make_user):
    user = make_user("representative", member="EE")
    entry = audit_record(
        actor=user,
        action="update",
        obj=user,
        before={"when": datetime.date(2020, 1, 1)},
        after={"when": datetime.date(2021, 1, 1), "amount": decimal.Decimal("2.5")},
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.after == {"when": "2021-01-01", "amount": "2.5"}
    assert entry.actor_label == user.email
    assert audit_record(actor=None, action="x", obj=user).actor_label == "system"


# The viewer (the roles table: "see the audit log": secretariat only)


def test_the_public_is_sent_to_sign_in(client):
    for url in ("/workspace/audit/", f"/workspace/audit/{_entry().pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.parametrize("who", ["representative", "group_lead"])
def test_members_officials_are_refused(request, login, who):
    client = login(request.getfixturevalue(who))
    assert client.get("/workspace/audit/").status_code == 403
    assert client.get(f"/workspace/audit/{_entry().pk}/").status_code == 403
    assert client.post("/workspace/audit/").status_code == 403


def test_a_signed_in_person_without_a_role_is_refused(make_user, login):
    assert login(make_user("")).get("/workspace/audit/").status_code == 403


def test_the_secretariat_reads_the_log_newest_first_with_a_diff(secretariat_client, secretariat):
    member = Member.objects.get(iso_code="EE")
    old = _entry(
        obj=member,
        before={"name": "Estonia", "notes": "same"},
        after={"name": "Eesti", "notes": "same"},
    )
    new = _entry(action="create", obj=member, after={"name": "Estonia"})
    response = secretariat_client.get("/workspace/audit/")
    assert response.status_code == 200
    entries = list(response.context["page"].object_list)
    assert entries.index(new) < entries.index(old)
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<del>Estonia</del>" in html and "<ins>Eesti</ins>" in html
    changed = next(entry for entry in entries if entry.pk == old.pk)
    assert [row["name"] for row in changed.rows] == ["name"]
    assert changed.rows[0]["field"] == "country"  # the field's name for people  # only what changed

    detail = secretariat_client.get(f"/workspace/audit/{old.pk}/")
    assert detail.status_code == 200
    assert "<ins>Eesti</ins>" in detail.content.decode()
    assert secretariat_client.get("/workspace/audit/999999999/").status_code == 404


def test_the_log_filters_by_actor_type_action_and_dates(secretariat_client, make_user):
    alice = make_user("representative", member="EE", email="alice@example.org")
    member = Member.objects.get(iso_code="EE")
    mine = audit_record(actor=alice, action="publish", obj=member, after={"name": "x"})
    other = _entry(action="update", obj=WorkingGroup.objects.first())

    def shown(query):
        response = secretariat_client.get(f"/workspace/audit/?{query}")
        assert response.status_code == 200, response.content
        return {entry.pk for entry in response.context["page"].object_list}

    assert shown("actor=alice@") == {mine.pk}
    assert mine.pk in shown("object_type=members.Member")
    assert other.pk not in shown("object_type=members.Member")
    assert shown("action=publish&actor=alice") == {mine.pk}
    today = timezone.now().date()
    assert {mine.pk, other.pk} <= shown(f"date_from={today}&date_to={today}")
    assert shown(f"date_from={today + datetime.timedelta(days=1)}") == set()
    assert shown(f"date_to={today - datetime.timedelta(days=1)}&actor=alice") == set()


def test_bad_filters_are_a_400_that_keeps_what_was_typed(secretariat_client):
    response = secretariat_client.get("/workspace/audit/?date_from=yesterday&actor=kept")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_date_from"' in html
    assert 'value="kept"' in html
    backwards = secretariat_client.get("/workspace/audit/?date_from=2026-02-01&date_to=2026-01-01")
    assert backwards.status_code == 400
    assert 'href="#id_date_to"' in backwards.content.decode()
    unknown = secretariat_client.get("/workspace/audit/?action=no-such-action")
    assert unknown.status_code == 400


def test_the_log_is_paginated_by_50(secretariat_client):
    member = Member.objects.get(iso_code="EE")
    for number in range(51):
        audit_record(actor=None, action="paginate", obj=member, after={"n": number})
    first = secretariat_client.get("/workspace/audit/?action=paginate")
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].object_list[0].after == {"n": 50}
    second = secretariat_client.get("/workspace/audit/?action=paginate&page=2")
    assert [entry.after for entry in second.context["page"].object_list] == [{"n": 0}]


def test_the_cms_menu_links_to_the_log_for_the_secretariat(secretariat_client):
    html = secretariat_client.get("/cms/").content.decode()
    assert "/workspace/audit/" in html
    assert "Audit log" in html


def test_the_menu_item_is_shown_only_to_the_secretariat(make_user, secretariat):
    item = audit_menu_item()
    request = RequestFactory().get("/cms/")
    request.user = secretariat
    assert item.is_shown(request)
    request.user = make_user("representative", member="EE", is_staff=True)
    assert not item.is_shown(request)


# Writes in /cms/


def _last(object_type, action=None):
    entries = AuditEntry.objects.filter(object_type=object_type)
    if action:
        entries = entries.filter(action=action)
    return entries.first()


def test_a_snippet_edit_in_the_cms_is_recorded_with_before_and_after(
    secretariat_client, secretariat
):
    group = WorkingGroup.objects.get(slug="digital-identity")
    old_lead = group.lead_id
    estonia = Member.objects.get(iso_code="EE")
    data = nested_form_data(
        {
            "name": group.name,
            "slug": group.slug,
            "other_names": "eID and trust services",
            "status": "active",
            "established": "2015-11-01",
            "established_summit": group.established_summit_id,
            "lead": estonia.pk,
            "focus": group.focus,
            "participants": [],
            "lead_history": inline_formset([]),
            "sources": group.sources,
            "confidence": "medium",
            "confidence_note": "",
        }
    )
    response = secretariat_client.post(f"/cms/snippets/groups/workinggroup/edit/{group.pk}/", data)
    assert response.status_code == 302

    entry = _last("groups.WorkingGroup", "update")
    assert entry is not None
    assert entry.actor == secretariat
    assert entry.object_id == str(group.pk)
    assert entry.before["other_names"] == group.other_names
    assert entry.after["other_names"] == "eID and trust services"
    assert entry.before["lead"] == old_lead
    assert entry.after["lead"] == estonia.pk
    changed = {name for name, _, _ in audit_changes(entry.before, entry.after)}
    assert {"other_names", "lead"} <= changed
    assert "slug" not in changed

    log = secretariat_client.get("/workspace/audit/?object_type=groups.WorkingGroup")
    assert "eID and trust services" in log.content.decode()


def test_a_snippet_created_and_deleted_in_the_cms_is_recorded(secretariat_client):
    data = {
        "name": "Digital Test Nations",
        "abbreviation": "DTN",
        "start": "2030-01-01",
        "end": "",
        "member_count": "12",
        "event": "",
        "sources": "",
        "confidence": "low",
        "confidence_note": "",
    }
    response = secretariat_client.post("/cms/snippets/site/forumname/add/", data)
    assert response.status_code == 302, response.context["form"].errors
    name = ForumName.objects.get(abbreviation="DTN")
    created = _last("site.ForumName", "create")
    assert created.object_id == str(name.pk)
    assert created.before is None
    assert created.after["start"] == "2030-01-01"
    assert created.after["member_count"] == 12

    response = secretariat_client.post(f"/cms/snippets/site/forumname/delete/{name.pk}/")
    assert response.status_code == 302
    assert not ForumName.objects.filter(pk=name.pk).exists()
    deleted = _last("site.ForumName", "delete")
    assert deleted.object_id == str(name.pk)
    assert deleted.before["name"] == "Digital Test Nations"
    assert deleted.after is None


def test_a_page_published_in_the_cms_is_recorded_with_before_and_after(secretariat_client):
    page = AboutPage.objects.get()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "introduction": page.introduction,
            "mission_statement": "An edited mission statement.",
            "aims": streamfield([("aim", block.value) for block in page.aims]),
            "how_it_works": page.how_it_works,
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = secretariat_client.post(f"/cms/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.mission_statement == "An edited mission statement."

    entry = _last("site.AboutPage", "publish")
    assert entry is not None
    assert entry.before["mission_statement"] != "An edited mission statement."
    assert entry.after["mission_statement"] == "An edited mission statement."
    assert isinstance(entry.after["aims"], list)
    # One entry for the edit-and-publish, not two.
    assert AuditEntry.objects.filter(object_type="site.AboutPage").count() == 1


def test_a_page_draft_saved_in_the_cms_is_recorded(secretariat_client):
    page = AboutPage.objects.get()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "introduction": "A draft introduction.",
            "mission_statement": page.mission_statement,
            "aims": streamfield([("aim", block.value) for block in page.aims]),
            "how_it_works": page.how_it_works,
            "comments": inline_formset([]),
        }
    )
    response = secretariat_client.post(f"/cms/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    entry = _last("site.AboutPage", "update")
    assert entry is not None
    assert entry.before["introduction"] == page.introduction
    assert entry.after["introduction"] == "A draft introduction."


def test_a_user_edited_in_the_cms_is_recorded_and_one_with_history_is_not_deleted(
    secretariat_client, make_user
):
    person = make_user("representative", member="EE", first_name="Mari", last_name="Mets")
    response = secretariat_client.post(
        f"/cms/users/edit/{person.pk}/",
        {
            "username": person.username,
            "email": person.email,
            "first_name": "Maria",
            "last_name": "Mets",
            "is_active": "on",
            "groups": [],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    entry = _last("accounts.User", "update")
    assert entry is not None and entry.object_id == str(person.pk)
    assert entry.before["first_name"] == "Mari"
    assert entry.after["first_name"] == "Maria"
    assert person.password not in json.dumps([entry.before, entry.after])

    # The person has acted (an entry names them as actor): their account is kept.
    audit_record(actor=person, action="update", obj=person)
    response = secretariat_client.post(f"/cms/users/delete/{person.pk}/")
    assert response.status_code == 302
    assert User.objects.filter(pk=person.pk).exists()


def test_other_admin_writes_are_recorded_too(secretariat_client, secretariat):
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    response = secretariat_client.post(
        "/cms/collections/add/", {"name": "Summit photos", "parent": root.pk}
    )
    assert response.status_code == 302
    collection = Collection.objects.get(name="Summit photos")
    entry = _last("wagtailcore.Collection", "create")
    assert entry is not None
    assert entry.actor == secretariat
    assert entry.object_id == str(collection.pk)
    assert entry.after["name"] == "Summit photos"

    response = secretariat_client.post(
        f"/cms/collections/{collection.pk}/", {"name": "Summit pictures", "parent": root.pk}
    )
    assert response.status_code == 302
    entry = _last("wagtailcore.Collection", "update")
    assert (entry.before["name"], entry.after["name"]) == ("Summit photos", "Summit pictures")

    response = secretariat_client.post(f"/cms/collections/{collection.pk}/delete/")
    assert response.status_code == 302
    entry = _last("wagtailcore.Collection", "delete")
    assert entry.before["name"] == "Summit pictures"
    assert entry.object_id == str(collection.pk)


def test_writes_outside_the_cms_are_not_recorded_by_the_signals():
    from wagtail.models import Collection

    count = AuditEntry.objects.count()
    Collection.get_first_root_node().add_child(name="Loaded by a script")
    assert AuditEntry.objects.count() == count
