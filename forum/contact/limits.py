"""How often the contact form may be sent: as for sign-in (forum/accounts/limits.py),
django-ratelimit's counters in the cache every process shares (forum.core.throttle.hit),
per client (the address forum.core.throttle.client_address finds behind
TRUSTED_PROXY_COUNT proxies) and per sender's email address, so that one client cannot
flood the secretariat's mailbox, nor many clients one address. Over a limit, the page
answers 429 with Retry-After and the form as it was typed, saying how long to wait."""

import math

from django.utils.translation import ngettext

from forum.core.throttle import client_address, hit

# ("client" or "sender", django-ratelimit's rate): each message counts once against each.
RULES = (("client", "5/h"), ("sender", "3/h"))


def wait(request, email: str) -> int:
    """Count this message from this client (and this sender, if given): the seconds to
    wait when a limit is passed, 0 to go on."""
    values = {"client": client_address(request), "sender": email.strip().casefold()}
    longest = 0
    for who, rate in RULES:
        if values[who]:
            _left, seconds = hit(request, f"contact:{who}", values[who], rate)
            longest = max(longest, seconds)
    return longest


def refusal(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "You have sent several messages in a short time. Wait %(minutes)d minute, then "
        "send yours again.",
        "You have sent several messages in a short time. Wait %(minutes)d minutes, then "
        "send yours again.",
        minutes,
    ) % {"minutes": minutes}
