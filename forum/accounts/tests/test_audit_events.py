"""Who came in and who was kept out, in the audit log: signing in and out, wrong passwords
(the name tried, never the password), lockouts, wrong two-factor codes and refusals
(403), each with the time, the client's address and the person."""

import json

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client

from forum.core.models import AuditEntry

from .helpers import sign_in

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


@pytest.fixture
def client():
    return Client(REMOTE_ADDR=ADDRESS)


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def everything_recorded() -> str:
    return json.dumps(
        [
            [e.actor_label, e.object_repr, e.before, e.after]
            for e in AuditEntry.objects.order_by("pk")
        ]
    )


def test_signing_in_and_out_is_recorded_with_the_address(client, representative):
    assert sign_in(client, representative).status_code == 302
    [entry] = entries("access.sign_in")
    assert entry.actor_id == representative.pk
    assert entry.actor_label == representative.email
    assert entry.object_id == str(representative.pk)
    assert entry.client_address == ADDRESS
    assert entry.at.utcoffset().total_seconds() == 0

    client.post("/accounts/sign-out/")
    [entry] = entries("access.sign_out")
    assert entry.actor_id == representative.pk
    assert entry.client_address == ADDRESS


def test_the_address_is_the_one_the_trusted_proxy_saw(client, representative, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        "/accounts/sign-in/",
        {"email": representative.email, "password": "wrong password"},
        headers={"x-forwarded-for": "10.9.9.9, 198.51.100.4"},
    )
    [entry] = entries("access.sign_in_failed")
    assert entry.client_address == "198.51.100.4"


def test_a_wrong_password_records_the_name_tried_never_the_password(client, representative):
    sign_in(client, representative, password="my secret guess 123")
    sign_in(client, representative, email="nobody@example.org", password="another guess 456")
    known, unknown = entries("access.sign_in_failed")
    assert known.actor_id is None and known.actor_label == "anonymous"
    assert known.object_id == str(representative.pk)
    assert known.after == {"username": representative.username}
    assert known.client_address == ADDRESS
    assert unknown.object_id == "" and unknown.object_repr == "nobody@example.org"
    assert unknown.after == {"username": "nobody@example.org"}
    recorded = everything_recorded()
    assert "my secret guess" not in recorded and "another guess" not in recorded


def test_a_lockout_is_recorded(client, representative):
    for attempt in range(5):
        sign_in(client, representative, password=f"wrong password {attempt}")
    [entry, *_] = entries("access.locked_out")
    assert entry.object_id == str(representative.pk)
    assert entry.after == {"username": representative.username}
    assert entry.client_address == ADDRESS


def test_a_wrong_two_factor_code_is_recorded(client, representative):
    TOTPDevice.objects.create(user=representative, name="Phone", confirmed=True)
    assert sign_in(client, representative)["Location"] == "/accounts/two-factor/verify/"
    client.post("/accounts/two-factor/verify/", {"code": "000000"})
    [entry] = entries("access.two_factor_failed")
    assert entry.actor_id == representative.pk
    assert entry.client_address == ADDRESS
    assert "000000" not in everything_recorded()
    assert entries("access.sign_in") == []  # the password alone does not sign in


def test_a_refusal_is_recorded_for_people_signed_in(client, representative):
    client.force_login(representative)
    assert client.get("/workspace/audit/").status_code == 403
    [entry] = entries("access.refused")
    assert entry.actor_id == representative.pk
    assert entry.object_repr == "/workspace/audit/"
    assert entry.after == {"method": "GET", "path": "/workspace/audit/"}
    assert entry.client_address == ADDRESS


def test_a_refusal_is_recorded_for_anonymous_visitors(representative):
    client = Client(REMOTE_ADDR=ADDRESS, enforce_csrf_checks=True)
    response = client.post("/accounts/sign-in/", {"email": "a@example.org", "password": "x"})
    assert response.status_code == 403  # no CSRF token
    [entry] = entries("access.refused")
    assert entry.actor_id is None and entry.actor_label == "anonymous"
    assert entry.object_repr == "/accounts/sign-in/"
    assert entry.client_address == ADDRESS


def test_the_viewer_shows_the_events_in_words_with_the_address(
    client, representative, verified_login, secretariat
):
    sign_in(client, representative, password="wrong password")
    [entry] = entries("access.sign_in_failed")
    client = verified_login(secretariat)
    page = client.get("/workspace/audit/").content.decode()
    assert "failed to sign in" in page
    assert ADDRESS in page
    assert "anonymous" in page
    detail = client.get(f"/workspace/audit/{entry.pk}/").content.decode()
    assert "Client address" in detail and ADDRESS in detail
    assert "Pseudonymised" not in detail
