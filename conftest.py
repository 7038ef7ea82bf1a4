import pytest

from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """On PostgreSQL the audit log's triggers refuse TRUNCATE, which pytest-django uses to
    empty the database after a transactional test: the tests' connections allow it (see
    forum/core/migrations/0006_auditentry_chain.py)."""
    from django.db import connections

    for connection in connections.all():
        if connection.vendor == "postgresql":
            options = connection.settings_dict.setdefault("OPTIONS", {})
            allow = "-c forum.audit_truncate=allow"
            options["options"] = f"{options.get('options', '')} {allow}".strip()
            connection.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the forum's real data, loaded once per run."""
    with django_db_blocker.unblock():
        call_command("load_forum_data", verbosity=0)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing strength is not under test; slow hashing made each test account cost a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_outside_requests():
    # A request in another language leaves its language active in the thread (as in
    # production, where the next request sets its own); each test starts in English.
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # A test's writes are rolled back without committing, so they never move the content
    # clock: a page kept by one test could be shown to the next. The page cache is tested
    # on its own (forum/site/tests/test_pagecache.py) and across processes.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The same for everything kept under the content version (bulk data, facet counts).
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # Tests sign in, ask for alerts and call the API many times from one address, and on
    # SQLite a transactional test's counts stay in the cache table for the next: the
    # limits are off, and on in the tests of them (the `rate_limits` fixture).
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def rate_limits(settings):
    """Turn the rate limits on (forum.core.throttle) for this test."""
    settings.RATELIMIT_ENABLE = True


@pytest.fixture(autouse=True)
def _no_api_rate_limit(settings):
    # Tests make many requests from one address; forum/api/tests/test_http.py turns the
    # read API's limit on where it is under test.
    settings.API_RATE_LIMIT = 0


@pytest.fixture
def get_json(client):
    """GET an address and return (response, parsed JSON body)."""

    def get(url, **headers):
        response = client.get(url, headers=headers)
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response, response.json()

    return get


PASSWORD = "correct horse battery staple 42"  # noqa: S105 (test accounts only)


@pytest.fixture
def make_user(db):
    """Create a person with a role: make_user("representative", member=a_member), where
    the member is a Member or the code of one of the forum's ("EE")."""
    from forum.accounts.models import User
    from forum.members.models import Member

    def make(role, *, member=None, email=None, **fields):
        if isinstance(member, str):
            member = Member.objects.get(iso_code=member)
        code = member.iso_code if member else None
        email = email or f"{role}-{(code or 'sec').lower()}-{User.objects.count()}@example.org"
        user = User.objects.create_user(
            username=email,
            email=email,
            password=PASSWORD,
            role=role,
            member=member,
            first_name=fields.pop("first_name", role.title()),
            last_name=fields.pop("last_name", code or "Secretariat"),
            **fields,
        )
        return user

    return make


# The people of the workspace's tests belong to member governments and a group made for
# the tests (forum/tests/factories.py), not to the forum's real ones: editing the forum's
# data must not break tests that are not about it.


@pytest.fixture
def member(db):
    """A member government made for the test: Testland (QA)."""
    from forum.tests.factories import MemberFactory

    return MemberFactory(iso_code="QA", name="Testland")


@pytest.fixture
def other_member(db):
    """Another member government made for the test: Otherland (QB)."""
    from forum.tests.factories import MemberFactory

    return MemberFactory(iso_code="QB", name="Otherland")


@pytest.fixture
def working_group(db):
    """A working group made for the test."""
    from forum.tests.factories import WorkingGroupFactory

    return WorkingGroupFactory(slug="test-group", name="Test group")


@pytest.fixture
def representative(make_user, member):
    """A representative of Testland."""
    return make_user("representative", member=member)


@pytest.fixture
def other_representative(make_user, other_member):
    """A representative of Otherland."""
    return make_user("representative", member=other_member)


@pytest.fixture
def group_lead(make_user, member, working_group):
    """A representative of Testland who leads the test group."""
    from forum.groups.models import GroupMembership

    user = make_user("group-lead", member=member)
    GroupMembership.objects.create(group=working_group, user=user, lead=True)
    return user


@pytest.fixture
def secretariat(make_user):
    return make_user("secretariat", is_staff=True, is_superuser=True)


@pytest.fixture
def login(client):
    """Sign a person in on the test client: login(user) returns the client."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# Accounts: two-factor verified sessions and a real SMTP sink -----------------------------


@pytest.fixture
def verified_login(client):
    """Sign a person in on the test client with a confirmed TOTP device, the session
    marked as verified by it (as after typing a code): verified_login(user) returns the
    client. The secretariat needs this to reach /cms/ and /workspace/."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def sign_in(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        client.otp_device = device
        return client

    return sign_in


@pytest.fixture
def verified_secretariat_client(verified_login, secretariat):
    """The test client signed in as `secretariat` (a superuser), verified with TOTP."""
    return verified_login(secretariat)


class SMTPSink:
    """Messages received by a local SMTP server, as email.message.EmailMessage."""

    def __init__(self):
        import threading

        self.messages = []
        self._lock = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        import email
        import email.policy

        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
            self._lock.notify_all()
        return "250 Message accepted for delivery"

    def wait(self, count=1, timeout=5):
        """Wait until at least `count` messages have arrived; returns the messages."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(
                    f"{len(self.messages)} email(s) arrived within {timeout}s, not {count}."
                )
            return list(self.messages)


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on a free 127.0.0.1 port, with Django's SMTP backend pointed at
    it: smtp_sink.messages, smtp_sink.wait(count, timeout=5)."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = SMTPSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def run_email_worker(monkeypatch):
    """Run `manage.py db_worker --backend email --queue-name email --batch` on the queued
    tasks, inside the test's transaction.

    The worker is run for real (it claims each task row, runs it, records the result) with
    two things swapped for what a test transaction allows: SQLite's "BEGIN EXCLUSIVE"
    lock becomes a savepoint, and the recycling of old database connections between
    tasks is skipped (it would close the test's connection). Its signal handlers are put
    back afterwards."""
    import signal
    from contextlib import contextmanager

    from django_tasks_db.management.commands import db_worker

    from django.db import transaction

    @contextmanager
    def savepoint(using=None):
        with transaction.atomic(using=using):
            yield

    monkeypatch.setattr(db_worker, "exclusive_transaction", savepoint)
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        handlers = {
            number: signal.getsignal(number)
            for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
        }
        try:
            call_command(
                "db_worker",
                "--backend=email",
                "--queue-name=email",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                verbosity=0,
            )
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)

    return run
