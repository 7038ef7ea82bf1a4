"""Fixed-window counters in the cache every process shares (Redis in production, a table
of the database otherwise): how often someone may do something, e.g. call the API or ask
for alert emails."""

import math
import time

from django.conf import settings
from django.core.cache import caches


def client_address(request) -> str:
    # Behind our proxy (BEHIND_PROXY=true), the address it saw is the last one it added.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.rsplit(",", 1)[-1].strip()
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
