"""A person's own data: downloading everything held about them, and deleting their
account (deactivated and anonymised; what they published stays, attributed to their
member government)."""

import datetime
import json

import pytest

from django.apps import apps
from django.contrib.auth import authenticate
from django.db import DatabaseError, transaction
from django.test import RequestFactory

from forum.accounts.models import User
from forum.core.models import AuditEntry
from forum.groups.models import GroupMembership, WorkingGroup
from forum.members import services
from forum.members.models import DirectoryEntry, Member, Post
from forum.notifications.models import Notification
from forum.site.models import HomePage

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple 42"  # the conftest's make_user password


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def login(login, verified_login):
    def sign_in(user):
        return verified_login(user) if user.is_secretariat else login(user)

    return sign_in


@pytest.fixture
def person(make_user):
    """An Estonian representative with something of everything."""
    user = make_user("representative", member="EE", first_name="Kadri", last_name="Tamm")
    services.directory_entry_update(
        user=user, help_with="Data embassies", phone="+372 5555 0000", show_contact_to_members=True
    )
    services.post_create(
        user=user,
        title="Government CIO",
        member=Member.objects.get(iso_code="EE"),
        start=datetime.date(2019, 9, 1),
        end=None,
    )
    GroupMembership.objects.create(
        group=WorkingGroup.objects.get(slug="data-360"), user=user, lead=True
    )
    Notification.objects.create(recipient=user, kind="answer", subject="Someone answered you")
    return user


def _create_practice(user):
    """A published practice authored by `user`, if the practices app has its model yet."""
    try:
        practice_model = apps.get_model("practices", "Practice")
    except LookupError:
        return None
    names = {field.name for field in practice_model._meta.get_fields()}
    if not {"title", "slug", "member", "authors", "status"} <= names:
        return None
    try:
        with transaction.atomic():
            practice = practice_model(
                title="X-Road for everyone",
                slug="x-road-for-everyone-test",
                member=user.member,
                status="published",
            )
            if "created_by" in names:
                practice.created_by = user
            practice.save()
            practice.authors.add(user)
    except (DatabaseError, TypeError, ValueError):
        return None
    return practice


# Download


def test_a_person_downloads_everything_held_about_them(login, person):
    response = login(person).get("/workspace/directory/me/data.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert person.password not in body
    assert "md5$" not in body and "pbkdf2" not in body
    data = json.loads(body)

    account = data["account"]
    assert account["email"] == person.email
    assert account["first_name"] == "Kadri"
    assert account["role"] == "representative"
    assert account["member"] == {"iso_code": "EE", "name": "Estonia"}
    assert "password" not in account

    assert data["directory_entry"]["help_with"] == "Data embassies"
    assert data["directory_entry"]["phone"] == "+372 5555 0000"
    assert [post["title"] for post in data["posts"]] == ["Government CIO"]
    assert data["posts"][0]["start"] == "2019-09-01"
    assert data["posts"][0]["member"] == "EE"
    assert data["group_memberships"] == [
        {"group": "data-360", "group_name": "Data 360", "lead": True}
    ]
    assert [row["values"]["subject"] for row in data["notifications"]] == ["Someone answered you"]
    for section in ("questions", "answers", "practices", "invitations"):
        assert section in data
    # What they did, from the audit log: their entry and their post, and signing in.
    assert {(row["object_type"], row["action"]) for row in data["audit_entries"]} == {
        ("members.DirectoryEntry", "create"),
        ("members.Post", "create"),
        ("accounts.User", "access.sign_in"),
    }


def test_the_download_includes_records_of_other_apps_without_secrets(login, person, verified_login):
    home = HomePage.objects.get()
    home.owner = person
    home.save(update_fields=["owner"])
    client = verified_login(person)  # a TOTP device: its key must not be exported
    device = client.otp_device
    practice = _create_practice(person)
    data = json.loads(client.get("/workspace/directory/me/data.json").content)

    pages = data["other_records"]["wagtailcore.Page"]
    assert any(row["relation"] == "owner" and row["id"] == home.pk for row in pages)
    devices = data["other_records"]["otp_totp.TOTPDevice"]
    assert devices[0]["values"]["name"] == device.name
    assert device.key not in json.dumps(data)
    assert devices[0]["values"]["key"].startswith("[hidden]")
    if practice is not None:
        assert {row["relation"] for row in data["practices"]} >= {"authors"}


def test_the_download_needs_sign_in(client):
    response = client.get("/workspace/directory/me/data.json")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_the_secretariat_downloads_only_their_own_data(login, person, secretariat):
    data = json.loads(login(secretariat).get("/workspace/directory/me/data.json").content)
    assert data["account"]["email"] == secretariat.email
    assert person.email not in json.dumps(data)


# Deletion


def test_the_deletion_page_asks_for_the_password(login, person):
    response = login(person).get("/workspace/directory/me/delete/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'for="id_password"' in html
    assert 'type="password"' in html


def test_a_wrong_password_deletes_nothing(login, person):
    response = login(person).post("/workspace/directory/me/delete/", {"password": "not it"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_password"' in html
    person.refresh_from_db()
    assert person.is_active
    assert person.first_name == "Kadri"
    assert DirectoryEntry.objects.filter(user=person).exists()


def test_deleting_the_account_anonymises_it_and_keeps_what_they_published(login, person):
    email = person.email
    home = HomePage.objects.get()
    home.owner = person  # something else that points at the account
    home.save(update_fields=["owner"])
    practice = _create_practice(person)
    client = login(person)

    response = client.post("/workspace/directory/me/delete/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "Your account is deleted" in response.content.decode()

    person.refresh_from_db()
    assert not person.is_active
    assert person.get_full_name() == "Former official"
    assert str(person) == "Former official"
    assert person.email == person.username == f"deleted-{person.pk}@invalid"
    assert not person.has_usable_password()
    assert person.member.iso_code == "EE"  # what they published stays with their member
    assert not User.objects.filter(email=email).exists()
    assert not DirectoryEntry.objects.filter(user=person).exists()
    assert not Post.objects.filter(user=person).exists()
    assert not GroupMembership.objects.filter(user=person).exists()
    assert not Notification.objects.filter(recipient=person).exists()

    # The row stays: what points at it still does.
    home.refresh_from_db()
    assert home.owner_id == person.pk
    if practice is not None:
        practice.refresh_from_db()
        assert practice.member.iso_code == "EE"
        assert list(practice.authors.all()) == [person]

    # Signed out, and cannot come back.
    assert client.get("/workspace/").status_code == 302
    sign_in = RequestFactory().post("/accounts/sign-in/")
    assert authenticate(sign_in, username=email, password=PASSWORD) is None

    record = AuditEntry.objects.filter(object_type="accounts.User", action="delete").first()
    assert record.actor_id == person.pk
    assert record.object_repr == "Former official"
    assert email not in json.dumps([record.before, record.after, record.actor_label])
    assert record.before["posts"] == 1 and record.after["is_active"] is False
    # Earlier entries still name the account as their actor.
    assert AuditEntry.objects.filter(actor=person, object_type="members.Post").exists()


def test_deleted_people_leave_the_directory(login, person, other_representative):
    services.account_delete(user=person)
    client = login(other_representative)
    assert client.get(f"/workspace/directory/{person.pk}/").status_code == 404
    assert "Former official" not in client.get("/workspace/directory/").content.decode()


def test_the_last_administrator_cannot_delete_their_account(login, secretariat):
    User.objects.filter(is_superuser=True).exclude(pk=secretariat.pk).update(is_superuser=False)
    response = login(secretariat).post("/workspace/directory/me/delete/", {"password": PASSWORD})
    assert response.status_code == 400
    assert "only administrator" in response.content.decode()
    secretariat.refresh_from_db()
    assert secretariat.is_active


def test_deletion_needs_sign_in_and_a_post(client, login, person):
    response = client.post("/workspace/directory/me/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
    person.refresh_from_db()
    assert person.is_active
    assert login(person).put("/workspace/directory/me/delete/").status_code == 405


# What the platform keeps about the person outside their account


def _subscribe(email, list_name="news"):
    from forum.alerts.models import SentAlert, Subscription

    subscription = Subscription.objects.create(email=email, list=list_name)
    SentAlert.objects.create(subscription=subscription, key="news:1")
    return subscription


def _everything_in_the_audit_log() -> str:
    return json.dumps(
        [
            [entry.actor_label, entry.object_repr, entry.before, entry.after]
            for entry in AuditEntry.objects.order_by("pk")
        ],
        ensure_ascii=False,
    )


def test_the_download_includes_the_alert_subscriptions_of_their_address(login, person):
    _subscribe(person.email.upper(), "documents")
    _subscribe("someone.else@example.org")
    client = login(person)
    data = json.loads(client.get("/workspace/directory/me/data.json").content)
    [row] = data["alert_subscriptions"]
    assert row["values"]["list"] == "documents"
    assert "someone.else@example.org" not in json.dumps(data)
    # And where they signed in from, with what they did.
    assert all("client_address" in row for row in data["audit_entries"])


def test_deleting_the_account_deletes_the_alert_subscriptions_of_their_address(person):
    from forum.alerts.models import SentAlert, Subscription

    _subscribe(person.email)
    _subscribe(person.email.upper(), "practices")
    kept = _subscribe("someone.else@example.org")
    services.account_delete(user=person)
    assert list(Subscription.objects.all()) == [kept]
    assert list(SentAlert.objects.values_list("subscription", flat=True)) == [kept.pk]


def test_deleting_the_account_pseudonymises_them_in_the_audit_log(
    client, login, person, secretariat
):
    from forum.core.services import audit_record, audit_snapshot
    from forum.site.management.commands.audit_verify import chain_check

    email, pk = person.email, person.pk
    # Signing in from an address; someone else's entries that name them.
    client.post(
        "/accounts/sign-in/",
        {"email": email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    membership = GroupMembership.objects.get(user=person)
    audit_record(actor=secretariat, action="update", obj=membership, after={"lead": True})
    audit_record(actor=secretariat, action="update", obj=person, after=audit_snapshot(person))
    other = audit_record(
        actor=secretariat, action="update", obj=Member.objects.get(iso_code="EE"), after={}
    )
    recorded = _everything_in_the_audit_log()
    for personal in (email, "Kadri", "Tamm", "+372 5555 0000", "Data embassies", "Government CIO"):
        assert personal in recorded

    services.account_delete(user=person)

    recorded = _everything_in_the_audit_log()
    for personal in (email, "Kadri", "Tamm", "+372 5555 0000", "Data embassies", "Government CIO"):
        assert personal not in recorded
    assert f"deleted person #{pk}" in recorded
    mine = AuditEntry.objects.filter(actor_id=pk).exclude(action__in=["delete", "audit.redact"])
    assert mine.exists()
    assert all(entry.actor_label == f"deleted person #{pk}" for entry in mine)
    assert not mine.filter(client_address__isnull=False).exists()
    # Others' part of the entries stays: who they were, and entries about nobody else.
    by_secretariat = AuditEntry.objects.filter(
        actor=secretariat, object_type="groups.GroupMembership"
    )
    assert by_secretariat.get().actor_label == secretariat.email
    assert AuditEntry.objects.get(pk=other.pk).redacted_at is None
    # The chain is whole; each pseudonymised entry is named by the record of it.
    report = chain_check(AuditEntry.objects.order_by("pk"))
    assert report.problem == ""
    redaction = AuditEntry.objects.get(action="audit.redact")
    assert sorted(redaction.after["entries"]) == report.pseudonymised
    # The secretariat's viewer says so.
    page = login(secretariat).get(f"/workspace/audit/{report.pseudonymised[0]}/")
    assert "Pseudonymised" in page.content.decode()


def test_a_person_deleted_in_the_cms_leaves_no_trace_either(make_user, verified_secretariat_client):
    from django.test import Client

    from forum.alerts.models import Subscription
    from forum.site.management.commands.audit_verify import chain_check

    person = make_user("representative", member="EE", first_name="Mari", last_name="Mets")
    email, pk = person.email, person.pk
    Client().post("/accounts/sign-in/", {"email": email, "password": PASSWORD})
    assert AuditEntry.objects.filter(actor_id=pk, action="access.sign_in").exists()
    _subscribe(email)
    response = verified_secretariat_client.post(f"/cms/users/delete/{pk}/")
    assert response.status_code == 302
    assert not User.objects.filter(pk=pk).exists()  # signing in is no history that keeps it
    assert not Subscription.objects.filter(email=email).exists()
    recorded = _everything_in_the_audit_log()
    assert email not in recorded and "Mari" not in recorded and "Mets" not in recorded
    assert AuditEntry.objects.filter(object_id=str(pk), action="delete").exists()
    assert chain_check(AuditEntry.objects.order_by("pk")).problem == ""
