"""The site search: every public kind of thing, searched once per kind.

The number of SQL queries depends on the number of kinds, never on the number of hits:
each kind costs a count and one page of results (plus its prefetches).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import OperationalError, connection
from django.http import HttpRequest
from django.utils.safestring import SafeString

from wagtail.search.backends import get_search_backend

from forum.core.text import search_terms

from .highlight import highlight, snippet
from .kinds import KINDS, Kind, get_kind

logger = logging.getLogger(__name__)

#: Longest query accepted, in characters.
MAX_QUERY_LENGTH = 200
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
    results = []
    for each in KINDS:
        try:
            results.append(_kind_results(each, terms, kind, page, per_page, preview_size, request))
        except OperationalError as error:
            # Wagtail's SQLite backend puts each word in double quotes without escaping
            # the quotes inside it, so `a"b` is an FTS5 syntax error ("unterminated
            # string"). search_terms() keeps only words, so this should not happen; if it
            # does, this kind finds nothing rather than the page failing.
            if connection.vendor != "sqlite":
                raise
            logger.error("Search for %r failed in %s: %s", terms, each.slug, error)
            results.append(_kind_results(each, [], kind, page, per_page, preview_size, request))
    return results


def _kind_results(
    kind: Kind,
    terms: list[str],
    selected: str | None,
    page: int | str | None,
    per_page: int,
    preview_size: int,
    request: HttpRequest | None,
) -> KindResults:
    matches = _matches(kind, terms) if terms else []
    if selected == kind.slug:
        paginated = Paginator(matches, per_page).get_page(page)
        hits = [_hit(kind, obj, terms, request) for obj in paginated.object_list]
        paginated.object_list = hits
        return KindResults(kind, paginated.paginator.count, hits, page=paginated, selected=True)
    if selected:
        return KindResults(kind, _count(matches))
    first = list(matches[:preview_size])
    count = len(first) if len(first) < preview_size else _count(matches)
    return KindResults(kind, count, [_hit(kind, obj, terms, request) for obj in first])


def _matches(kind: Kind, terms: list[str]) -> Sequence:
    """The records of a kind that match every term, most relevant first (lazy)."""
    return get_search_backend().search(" ".join(terms), kind.queryset(), operator="and")


def _count(matches: Sequence) -> int:
    return len(matches) if isinstance(matches, list) else matches.count()


def _hit(kind: Kind, obj: Any, terms: list[str], request: HttpRequest | None) -> Hit:
    return Hit(
        object=obj,
        title=highlight(str(kind.title(obj)), terms),
        url=kind.url(obj, request),
        snippet=snippet(kind.texts(obj), terms),
    )
