"""Fixed-window counters in the cache every process shares (Redis in production, a table
of the database otherwise): how often someone may do something, e.g. call the API or ask
for alert emails."""

import math
import time

from django.conf import settings
from django.core.cache import caches


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


def hit(key: str, limit: int, window: int) -> tuple[int, int]:
    """Count one more event for `key`: (events left in this window, seconds to wait
    before the next is allowed; 0 when this one is)."""
    now = time.time()
    slot = int(now // window)
    cache = caches["shared"]
    cache_key = f"throttle:{key}:{window}:{slot}"
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    if count <= limit:
        return limit - count, 0
    return 0, max(1, math.ceil((slot + 1) * window - now))
