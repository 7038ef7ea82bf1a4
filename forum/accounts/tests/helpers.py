"""Shared steps for the accounts tests."""

import re
import time

from django_otp.oath import TOTP

from conftest import PASSWORD

SIGN_IN = "/accounts/sign-in/"


def totp_code(device, *, offset=0, at=None) -> str:
    """The code an authenticator app shows for this device, `offset` seconds from now
    (or at the Unix time `at`)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    totp.time = (time.time() if at is None else at) + offset
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user, *, password=PASSWORD, next_url=None, email=None):
    data = {"email": email or user.email, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(SIGN_IN, data)


def h1s(response) -> list[str]:
    return re.findall(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")
