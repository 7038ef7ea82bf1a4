"""How often someone may do something (call the API, ask for alert emails, try a
password): django-ratelimit's counters, kept in the cache every process shares (Redis in
production, a table of the database otherwise), keyed on an address the client cannot
choose."""

import logging

from django_ratelimit.core import get_usage

from django.conf import settings

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The address of the client, which it cannot choose: behind TRUSTED_PROXY_COUNT
    proxies, the X-Forwarded-For entry the first of them added (each appends the address
    it saw; whatever the client sent itself stands before); without proxies, or when fewer
    entries came than there are proxies, the address of the connection."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= count:
            return entries[-count]
    return request.META.get("REMOTE_ADDR", "")


def hit(request, scope: str, value: str, rate: str) -> tuple[int, int]:
    """Count one more event for `value` (an address, an account…) in `scope` at `rate`
    ("3/h", "20/15m"): (events left in this window, seconds to wait before the next is
    allowed; 0 when this one is). When the shared cache cannot be reached, nothing is
    counted and everything is allowed: the site keeps serving (sign-in still has
    django-axes' lockout, kept in the database)."""
    try:
        usage = get_usage(
            request, group=scope, key=lambda group, request: value, rate=rate, increment=True
        )
    except Exception:  # noqa: BLE001 (any cache failure: fail open, say so in the log)
        logger.warning("Rate limit %s not counted: the shared cache is unavailable", scope)
        return 1, 0
    if usage is None or not usage["should_limit"]:
        left = (usage["limit"] - usage["count"]) if usage else 1
        return max(0, left), 0
    return 0, max(1, usage["time_left"])
