"""Limits per client and per account on sign-in, the two-factor step, password reset and
invitations (forum/accounts/limits.py): a 429 with Retry-After that keeps what was typed,
counted on an address the client cannot choose."""

import re

import pytest
from django_tasks_db.models import DBTaskResult

from django.test import Client

from forum.accounts import services
from forum.accounts.limits import RULES
from forum.accounts.models import Role

from .helpers import SIGN_IN, h1s, sign_in, signed_in_user_id

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rate_limits")]

RESET = "/accounts/password-reset/"


def allowed(step: str, who: str) -> int:
    """How many tries `RULES` allows one client or one account in its window."""
    return int(dict(RULES[step])[who].split("/")[0])


def assert_limited(response, typed: str = ""):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Too many tries in a short time" in html
    assert re.search(r"Wait \d+ minutes?, then try again", html)
    if typed:
        assert f'value="{typed}"' in html  # what was typed is kept


def test_one_client_cannot_try_passwords_across_every_account(make_user, member):
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    people = [make_user("representative", member=member) for _ in range(8)]
    tries = allowed("sign-in", "client")
    for attempt in range(tries):
        person = people[attempt % len(people)]  # never 5 wrong for one account
        response = sign_in(attacker, person, password=f"guess {attempt}")
        assert response.status_code == 200, attempt
    refused = sign_in(attacker, people[0])  # even the right password
    assert_limited(refused, people[0].email)
    assert signed_in_user_id(attacker) is None

    # Everyone else signs in as usual.
    assert sign_in(Client(REMOTE_ADDR="198.51.100.20"), people[0]).status_code == 302


def test_many_clients_cannot_hammer_one_account(representative):
    tries = allowed("sign-in", "account")
    for attempt in range(tries):
        client = Client(REMOTE_ADDR=f"203.0.113.{attempt + 1}")
        assert sign_in(client, representative, password=f"guess {attempt}").status_code == 200
    refused = sign_in(Client(REMOTE_ADDR="198.51.100.20"), representative)
    assert_limited(refused, representative.email)


def test_a_lockout_from_one_client_does_not_lock_the_person_out_elsewhere(representative):
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for attempt in range(5):
        sign_in(attacker, representative, password=f"guess {attempt}")
    assert sign_in(attacker, representative).status_code == 429
    assert h1s(sign_in(attacker, representative)) == ["Account locked for now"]

    person = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in(person, representative).status_code == 302
    assert signed_in_user_id(person) == str(representative.pk)


def test_rotating_the_forwarded_for_header_does_not_escape_the_limit(settings, make_user, member):
    settings.TRUSTED_PROXY_COUNT = 1
    people = [make_user("representative", member=member) for _ in range(8)]
    tries = allowed("sign-in", "client")
    for attempt in range(tries + 1):
        client = Client(
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.66",
        )
        response = sign_in(client, people[attempt % len(people)], password=f"guess {attempt}")
    assert_limited(response)


def test_reset_emails_are_limited_per_address_and_per_client(client, representative):
    per_address = allowed("password-reset", "account")
    for _ in range(per_address):
        response = client.post(RESET, {"email": representative.email})
        assert response.status_code == 302
    refused = client.post(RESET, {"email": representative.email.upper()})
    assert_limited(refused, representative.email.upper())
    assert DBTaskResult.objects.count() == per_address  # one email each, no more

    # Another address from the same client, until the client's own limit.
    per_client = allowed("password-reset", "client")
    for number in range(per_client - per_address - 1):
        response = client.post(RESET, {"email": f"someone{number}@example.org"})
        assert response.status_code == 302
    assert_limited(client.post(RESET, {"email": "one.more@example.org"}), "one.more@example.org")


def test_a_reset_for_an_unknown_address_is_queued_like_any_other(client, representative):
    for email in (representative.email, "nobody@example.org"):
        assert client.post(RESET, {"email": email})["Location"] == f"{RESET}sent/"
    queued = DBTaskResult.objects.order_by("enqueued_at")
    assert [task.args_kwargs["args"] for task in queued] == [
        [representative.email],
        ["nobody@example.org"],
    ]


def test_wrong_two_factor_codes_are_limited_per_account(client, representative):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=representative, name="app", confirmed=True)
    assert sign_in(client, representative).status_code == 302  # to the code step
    tries = allowed("two-factor", "account")
    for attempt in range(tries):
        response = client.post("/accounts/two-factor/verify/", {"code": f"{attempt:06d}"})
        assert response.status_code == 200
        # django-otp's own back-off does not let the next code through either.
        TOTPDevice.objects.update(throttling_failure_count=0)
    assert_limited(client.post("/accounts/two-factor/verify/", {"code": "123456"}), "123456")


def test_invitation_links_are_limited_per_client(client, secretariat):
    invitation, path = services.invitation_create(
        email="new.person@example.org", role=Role.SECRETARIAT, invited_by=secretariat
    )
    for number in range(allowed("invitation", "client") - 1):
        assert client.get(f"/accounts/invitation/guess-{number}/").status_code == 404
    assert client.get(path).status_code == 200
    refused = client.get(path)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert h1s(refused) == ["Too many tries"]


def test_sign_in_pages_are_not_limited_for_reading(client):
    for _ in range(allowed("sign-in", "client") + 5):
        assert client.get(SIGN_IN).status_code == 200
