"""Lists that grow with the data, shown on one page as their first few: a detail page
shows the latest of what belongs to its record, with how many there are in all and a
link to the whole list (components/latest.html)."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from forum.core.models import ContentClock

LATEST = 10


@dataclass(frozen=True)
class Latest:
    items: list
    #: How many there are in all.
    total: int
    #: Where the whole list is: a filtered list page.
    url: str

    @property
    def more(self) -> bool:
        return self.total > len(self.items)


def latest(queryset, *, url: str, size: int = LATEST, count=None) -> Latest:
    """The first `size` records of a queryset in its order, and their total (from
    `count()` where that is cheaper): one query, two when there are more."""
    items = list(queryset[: size + 1])
    if len(items) <= size:
        return Latest(items, len(items), url)
    return Latest(items[:size], (count or queryset.count)(), url)


def kept(name: str, compute, *parts):
    """compute(), kept in the shared cache under the content version, the language and
    `parts`: what a page reads from lists that change only when content does (the latest
    of a member's tens of thousands of signatures) is read once per change."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"kept:{name}:{ContentClock.version()}:{get_language() or ''}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.PAGE_CACHE_SECONDS or 600)
    return found


class Counted:
    """A queryset whose count is already known (from facet counts kept in the cache), as
    a paginator wants it: no COUNT over every match for each page."""

    def __init__(self, queryset, total: int):
        self.queryset, self.total = queryset, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window):
        return self.queryset[window]
