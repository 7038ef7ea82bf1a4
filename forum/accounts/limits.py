"""How often one client, and one account, may try the pages that open accounts: sign-in,
the two-factor step, password reset and invitations. One client cannot try passwords
across every account or send reset emails without end, and many clients together cannot
hammer one account. Counted by django-ratelimit in the cache every process shares
(forum.core.throttle.hit); the client is the address forum.core.throttle.client_address
finds behind TRUSTED_PROXY_COUNT proxies. django-axes' lockout (5 wrong passwords for an
account from one client) comes on top.

Over a limit, the page answers 429 with Retry-After and the form as it was typed, saying
how long to wait."""

import math

from django.utils.translation import ngettext

from forum.core.throttle import client_address, hit

# For each step: ("client" or "account", django-ratelimit's rate). Each try counts once
# against every rule of its step.
RULES = {
    "sign-in": (("client", "30/15m"), ("account", "30/h")),
    "two-factor": (("client", "20/15m"), ("account", "10/15m")),
    "password-reset": (("client", "20/h"), ("account", "3/h")),
    "invitation": (("client", "30/h"), ("account", "10/h")),
}


def wait(request, step: str, account: str = "") -> int:
    """Count this try of `step` by this client (and for this account, if named): the
    seconds to wait when a limit is passed, 0 to go on."""
    values = {"client": client_address(request), "account": account.strip().casefold()}
    longest = 0
    for who, rate in RULES[step]:
        if values[who]:
            _left, seconds = hit(request, f"accounts:{step}:{who}", values[who], rate)
            longest = max(longest, seconds)
    return longest


def refusal(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many tries in a short time. Wait %(minutes)d minute, then try again.",
        "Too many tries in a short time. Wait %(minutes)d minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}


def refuse(form, seconds: int) -> None:
    """Have the bound `form` refuse this try, saying how long to wait."""
    form.refusal = refusal(seconds)


def limited(response, seconds: int):
    """The page with the refused form, as 429 with Retry-After."""
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response
