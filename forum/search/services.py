"""The site search: every public kind of thing, ranked by the database
(forum.core.fulltext).

The number of SQL queries depends on the number of kinds with hits, never on the number
of hits: one statement counts every kind and ranks its first hits, then each kind with
hits reads those records by primary key.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from forum.core.fulltext import Match, first_of_each
from forum.core.models import ContentClock
from forum.core.text import search_terms

from .highlight import highlight, snippet
from .kinds import KINDS, Kind, get_kind

logger = logging.getLogger(__name__)
MARKED = re.compile(r"<mark>(.*?)</mark>")

#: Longest query accepted, in characters.
MAX_QUERY_LENGTH = 2000
#: Hits per page when one kind is shown.
PER_PAGE = 20
#: Hits shown per kind when all kinds are shown.
PREVIEW_SIZE = 5


class UnknownKind(ValueError):
    """Raised for a ``kind`` that is not in ``kinds.KINDS``."""


@dataclass
class Hit:
    """One result: the record, its highlighted title and snippet, and where it lives."""

    object: Any
    title: SafeString
    url: str
    snippet: SafeString


@dataclass
class KindResults:
    """The results of one kind: how many there are and the hits shown.

    When one kind is selected, it has a ``page`` (its hits are ``page.object_list``) and
    the others have a count and no hits.
    """

    kind: Kind
    count: int
    hits: list[Hit] = field(default_factory=list)
    page: PaginatorPage | None = None
    selected: bool = False

    @property
    def more(self) -> bool:
        """Whether there are more hits than shown."""
        return self.count > len(self.hits)


def site_search(
    *,
    query: str,
    kind: str | None = None,
    page: int | str | None = 1,
    per_page: int | None = None,
    preview_size: int | None = None,
    request: HttpRequest | None = None,
) -> list[KindResults]:
    """Search every kind in ``kinds.KINDS`` for the words of ``query``.

    Without ``kind``, each kind has its count and its first ``preview_size`` hits
    (default ``PREVIEW_SIZE``). With ``kind``, that kind has page ``page`` of its hits
    (``per_page`` each, default ``PER_PAGE``; a page out of range or not a number gives the
    last or first page) and the other kinds only their counts. Hits are in order of
    relevance. ``request``, if given, is used for pages' addresses. Raises ``UnknownKind``
    for a kind that does not exist.
    """
    if kind and get_kind(kind) is None:
        raise UnknownKind(kind)
    per_page = per_page or PER_PAGE
    preview_size = preview_size or PREVIEW_SIZE
    terms = search_terms(query)
    matches = [each.match(query) for each in KINDS]
    firsts = _first_of_each(matches, 0 if kind else preview_size)
    previews = {} if kind else _previews(matches, firsts, terms, request, preview_size)
    results = []
    for each, match, (count, _ranked) in zip(KINDS, matches, firsts, strict=True):
        if kind == each.slug:
            paginated = Paginator(Ranked(match, each, count, terms, request), per_page)
            paginated = paginated.get_page(page)
            hits = list(paginated.object_list)
            paginated.object_list = hits
            results.append(KindResults(each, count, hits, page=paginated, selected=True))
        elif kind:
            results.append(KindResults(each, count))
        else:
            results.append(KindResults(each, count, previews.get(each.slug, [])))
    return results


def _previews(matches, firsts, terms, request, size: int) -> dict[str, list[Hit]]:
    """Each kind's first hits, with their highlighted titles and snippets, kept in the
    cache beside the ranking (`_first_of_each`): marking the words in the texts of a page
    of hits was most of a search's time."""
    key = _cache_key("previews", matches[0].words, size)
    found = cache.get(key)
    if found is None:
        found = {
            each.slug: _hits(each, ranked, terms, request)
            for each, (_count, ranked) in zip(KINDS, firsts, strict=True)
        }
        cache.set(key, found, settings.PAGE_CACHE_SECONDS or 600)
    return found


def _hits(kind: Kind, ranked: list[tuple[int, str]], terms, request) -> list[Hit]:
    """The hits of (primary key, indexed text) pairs, in their order: the record's own
    texts make the snippet, and the text it is indexed with where they hold no word of the
    query (a document's versions and files, the record's other languages)."""
    if not ranked:
        return []
    texts = dict(ranked)
    records = kind.records([pk for pk, _text in ranked])
    return [_hit(kind, obj, terms, request, texts.get(obj.pk, "")) for obj in records]


def _first_of_each(matches, size: int):
    """first_of_each, kept in the cache under the content version: the same words in the
    same language give the same hits until content changes."""
    key = _cache_key("search", matches[0].words, size)
    found = cache.get(key)
    if found is None:
        found = first_of_each(matches, size)
        cache.set(key, found, settings.PAGE_CACHE_SECONDS or 600)
    return found


def _cache_key(what: str, words, size: int) -> str:
    digest = hashlib.sha256(" ".join(words.terms).encode()).hexdigest()[:32]
    language = get_language()
    return f"{what}:{ContentClock.version()}:{int(words.translated)}:{language}:{size}:{digest}"


class Ranked:
    """A kind's hits as the paginator wants them: a count, and slices read by rank."""

    def __init__(self, match: Match, kind: Kind, count: int, terms, request):
        self.match, self.kind, self._count = match, kind, count
        self.terms, self.request = terms, request

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop or self._count
        ranked = self.match.ranked(offset=start, limit=max(0, stop - start))
        return _hits(self.kind, ranked, self.terms, self.request)


def _hit(kind: Kind, obj: Any, terms: list[str], request, indexed_text: str = "") -> Hit:
    excerpt = snippet(kind.texts(obj), terms)
    if indexed_text:
        # The words may be in what the record is indexed with rather than its own texts
        # (a document's versions and files): the excerpt with more of them is shown.
        indexed = snippet([indexed_text], terms)
        if _words_marked(indexed) > _words_marked(excerpt):
            excerpt = indexed
    return Hit(
        object=obj,
        title=highlight(str(kind.title(obj)), terms),
        url=kind.url(obj, request),
        snippet=excerpt,
    )


def _words_marked(excerpt: str) -> int:
    return len({word.casefold() for word in MARKED.findall(excerpt)})
