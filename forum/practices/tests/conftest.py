import pytest

from django.test import Client

from forum.members.models import Member
from forum.practices import services
from forum.principles.models import Principle

COMPLETE = {
    "summary": "Estonia moved every public service behind one digital identity.",
    "problem": "People had a different login for each service.",
    "approach": "A national eID card and mobile ID, used by every agency.\n\nOpen source.",
    "results": "Ninety-nine per cent of services are online.",
    "lessons": "Start with the law, then the technology.",
}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The test accounts' passwords need no strong hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_email_queue(settings):
    """Emails of notifications are queued, never sent, in these tests."""
    settings.TASKS = {
        **settings.TASKS,
        "email": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["email"]},
    }


def _verified(client, user):
    """Sign in as if two-factor authentication had just been passed."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(db):
    """client_for(user): a new test client signed in as that person (the secretariat
    with a verified second factor). Several can be used side by side."""

    def make(user):
        client = Client()
        if user.is_secretariat:
            return _verified(client, user)
        client.force_login(user)
        return client

    return make


@pytest.fixture
def estonia(db):
    return Member.objects.get(iso_code="EE")


@pytest.fixture
def canada(db):
    return Member.objects.get(iso_code="CA")


@pytest.fixture
def make_practice(db, secretariat):
    """make_practice(author, title=…, status="draft"|"submitted"|"published"|"returned",
    visibility="public"|"members", principles=[slugs], themes=[names], group=group)."""

    def make(
        author,
        *,
        title="Once-only digital identity",
        status="draft",
        visibility="public",
        principles=(),
        themes=(),
        group=None,
        member=None,
        **values,
    ):
        practice = services.practice_create(
            actor=author,
            member=member or author.member,
            title=title,
            visibility=visibility,
            principles=list(Principle.objects.filter(slug__in=principles)),
            themes=list(themes),
            group=group,
            **{**COMPLETE, **values},
        )
        if status in {"submitted", "published", "returned"}:
            services.practice_submit(actor=author, practice=practice)
        if status == "published":
            services.practice_publish(actor=secretariat, practice=practice)
        if status == "returned":
            services.practice_return(actor=secretariat, practice=practice, comment="Add figures.")
        practice.refresh_from_db()
        return practice

    return make
