import re
from base64 import b32encode
from binascii import unhexlify

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from forum.accounts.views import SETUP_KEY
from forum.core.models import AuditEntry

from .helpers import h1s, sign_in, signed_in_user_id, totp_code

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/verify/"


def set_up_two_factor(client, next_url=None):
    """Go through the setup page as the signed-in person; returns (device, codes, page)."""
    page = client.get(SETUP, {"next": next_url} if next_url else None)
    assert page.status_code == 200
    # The key the page shows (the person's app reads it from the QR code).
    key = unhexlify(client.session[SETUP_KEY])
    assert not TOTPDevice.objects.exists()  # nothing stored before the code is confirmed
    code = f"{totp(key, step=30, t0=0, digits=6):06d}"
    data = {"code": code, **({"next": next_url} if next_url else {})}
    if next_url:
        assert f'name="next" value="{next_url}"' in page.content.decode()
    response = client.post(SETUP, data)
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    device = TOTPDevice.objects.get(key=key.hex())
    return device, codes, response


def test_setting_up_shows_a_qr_code_and_the_key_then_ten_recovery_codes(login, representative):
    client = login(representative)
    page = client.get(SETUP)
    html = page.content.decode()
    assert h1s(page) == ["Set up two-factor authentication"]
    assert "<svg" in html and "<img" not in html and "data:" not in html
    secret = b32encode(unhexlify(client.session[SETUP_KEY])).decode().rstrip("=")
    assert secret[:4] + " " + secret[4:8] in html
    assert f"secret={secret}" not in html  # the otpauth: address is only in the QR code
    assert 'for="id_code"' in html

    device, codes, response = set_up_two_factor(client)
    assert device.confirmed and device.user == representative
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=representative).count() == 10
    assert h1s(response) == ["Your recovery codes"]
    entry = AuditEntry.objects.get(action="two_factor.set_up")
    assert entry.actor == representative
    # The codes are shown once: the page now says how many are left, not which.
    status = client.get(SETUP).content.decode()
    assert "10 recovery codes left" in status
    assert codes[0] not in status


def test_a_wrong_code_does_not_turn_it_on(login, representative):
    client = login(representative)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not TOTPDevice.objects.filter(user=representative).exists()


def test_sign_in_asks_for_the_code_and_each_code_works_once(client, representative):
    client.force_login(representative)
    device, _codes, _ = set_up_two_factor(client)
    client.post("/accounts/sign-out/")

    response = sign_in(client, representative, next_url="/workspace/")
    assert response.status_code == 302 and response["Location"] == VERIFY
    assert signed_in_user_id(client) is None  # not signed in before the code
    assert client.get("/workspace/").status_code == 302

    # The code the setup used (its time step is remembered): refused.
    used = totp_code(device, at=device.last_t * device.step + 1)
    refused = client.post(VERIFY, {"code": used})
    assert refused.status_code == 200
    assert signed_in_user_id(client) is None
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    next_code = totp_code(device, offset=30)
    response = client.post(VERIFY, {"code": next_code})
    assert response.status_code == 302 and response["Location"] == "/workspace/"
    assert signed_in_user_id(client) == str(representative.pk)
    assert client.get("/workspace/").status_code == 200

    # The same code again, in another sign-in: refused.
    client.post("/accounts/sign-out/")
    sign_in(client, representative)
    again = client.post(VERIFY, {"code": next_code})
    assert again.status_code == 200
    assert "not right" in again.content.decode() or "Too many" in again.content.decode()
    assert signed_in_user_id(client) is None


def test_a_recovery_code_works_once(client, representative):
    client.force_login(representative)
    _device, codes, _ = set_up_two_factor(client)
    client.post("/accounts/sign-out/")

    sign_in(client, representative)
    response = client.post(VERIFY, {"code": codes[0].upper()})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(representative.pk)
    assert StaticToken.objects.filter(device__user=representative).count() == 9
    assert not StaticToken.objects.filter(token=codes[0]).exists()

    client.post("/accounts/sign-out/")
    sign_in(client, representative)
    StaticDevice.objects.filter(user=representative).update(throttling_failure_count=0)
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200
    assert signed_in_user_id(client) is None
    StaticDevice.objects.filter(user=representative).update(throttling_failure_count=0)
    assert client.post(VERIFY, {"code": codes[1]}).status_code == 302


def test_the_code_step_expires_and_cannot_be_skipped(client, representative):
    TOTPDevice.objects.create(user=representative, name="app", confirmed=True)
    sign_in(client, representative)
    session = client.session
    pending = session["accounts_two_factor_pending"]
    pending["since"] -= 11 * 60
    session["accounts_two_factor_pending"] = pending
    session.save()
    response = client.post(VERIFY, {"code": "123456"})
    assert response.status_code == 302 and response["Location"] == "/accounts/sign-in/"
    assert signed_in_user_id(client) is None


def test_the_secretariat_sets_up_two_factor_before_any_cms_page(client, secretariat):
    response = sign_in(client, secretariat, next_url="/cms/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)

    for path in ("/cms/", "/cms/pages/", "/cms/snippets/members/member/", "/workspace/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP + "?next="), path

    _device, _codes, setup = set_up_two_factor(client, next_url="/cms/pages/")
    assert 'href="/cms/pages/"' in setup.content.decode()
    assert client.get("/cms/").status_code == 200
    assert client.get("/workspace/").status_code == 200


def test_an_unverified_session_with_a_device_goes_to_the_code_step(
    client, secretariat, representative
):
    TOTPDevice.objects.create(user=secretariat, name="app", confirmed=True)
    client.force_login(secretariat)
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"] == VERIFY + "?next=%2Fcms%2F"

    # Anyone with a device gives the code before the workspace (even signed in by
    # Wagtail's own form, which only leads to ours now).
    TOTPDevice.objects.create(user=representative, name="app", confirmed=True)
    client.force_login(representative)
    assert client.get("/workspace/")["Location"].startswith(VERIFY)
    assert client.get("/cms/login/")["Location"] == "/accounts/sign-in/"


def test_a_verified_session_reaches_the_cms(verified_secretariat_client):
    assert verified_secretariat_client.get("/cms/").status_code == 200


def test_turning_it_off_needs_the_password_and_is_recorded(client, representative):
    client.force_login(representative)
    set_up_two_factor(client)
    refused = client.post("/accounts/two-factor/remove/", {"password": "wrong"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=representative).exists()
    from conftest import PASSWORD

    response = client.post("/accounts/two-factor/remove/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=representative).exists()
    assert not StaticDevice.objects.filter(user=representative).exists()
    assert AuditEntry.objects.filter(action="two_factor.removed", actor=representative).exists()


def test_new_recovery_codes_replace_the_old(client, representative):
    client.force_login(representative)
    _device, codes, _ = set_up_two_factor(client)
    response = client.post("/accounts/two-factor/recovery-codes/")
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(codes)
    assert not StaticToken.objects.filter(token__in=codes).exists()
