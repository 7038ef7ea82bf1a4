"""Words searched for in Wagtail's search index directly, ranked by the database.

Wagtail's database backend (django-modelsearch) finds records well but ranks them with a
subquery per hit on SQLite and matches an expression no index serves on PostgreSQL, so
lists and the site search ask the index themselves: the entries that hold every word,
ranked, of one model or of several at once, then one page of them, whose records are
read by primary key.

- SQLite: the index's FTS5 table, matched first (then each entry by its id), ranked by
  `bm25` (the title weighs more than the body).
- PostgreSQL: the index's `title || body` tsvectors, matched with `plainto_tsquery` in the
  configuration the index was built with, served by a GIN index on that expression
  (migration search 0001), ranked by `ts_rank`.

In English the words are looked for in the records' English texts; in another of the
site's languages, in their translations too, which the index keeps in its autocomplete
column (`forum.core.translation.TranslatedInSearch`).

Only the words of a query reach the database (`forum.core.text.search_terms`): whatever
is typed, the query is never a syntax error.
"""

from modelsearch.utils import get_descendants_content_types_pks

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from wagtail.search.backends import get_search_backend

from forum.core.text import search_terms

# Wagtail's search index: wagtailsearch_indexentry, and on SQLite its FTS5 table
# wagtailsearch_indexentry_fts (rowid = the entry's id).
ENTRY_TABLE = "wagtailsearch_indexentry"
FTS_TABLE = f"{ENTRY_TABLE}_fts"
# bm25 weights of the FTS table's columns, in its order: autocomplete, body, title.
BM25_WEIGHTS = (0.0, 1.0, 2.0)
TRANSLATED_BM25_WEIGHTS = (1.0, 1.0, 2.0)  # the translations count like the body


class Words:
    """The words of a query, and how the index is asked for the entries holding all of
    them: `hits()` gives SQL for (ct, oid, entry, sort_key) rows, most relevant first when
    sorted by sort_key."""

    def __init__(self, query: str, *, language: str | None = None):
        self.terms = search_terms(query)
        language = language or get_language() or settings.LANGUAGE_CODE
        self.translated = language != settings.LANGUAGE_CODE

    def __bool__(self):
        return bool(self.terms)

    def fts_query(self) -> str:
        """The FTS5 query (SQLite): every word, in the columns searched."""
        words = " AND ".join('"' + term.replace('"', '""') + '"' for term in self.terms)
        columns = "title body autocomplete" if self.translated else "title body"
        return "{" + columns + "} : (" + words + ")"

    def hits(self, content_types: list[int]) -> tuple[str, list]:
        marks = ", ".join(["%s"] * len(content_types))
        if connection.vendor == "sqlite":
            weights = TRANSLATED_BM25_WEIGHTS if self.translated else BM25_WEIGHTS
            # CROSS JOIN: SQLite keeps this order, the full-text match first, then each
            # entry by its id (it would otherwise read every entry of a kind, matching
            # each on its own).
            sql = (
                f"SELECT e.content_type_id AS ct, e.object_id AS oid, e.id AS entry, "
                f"bm25({FTS_TABLE}, {', '.join(map(str, weights))}) AS sort_key "
                f"FROM {FTS_TABLE} CROSS JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND e.content_type_id IN ({marks})"
            )
            return sql, [self.fts_query(), *content_types]
        tsquery, tsquery_params = self._tsquery()
        text = " ".join(self.terms)
        if self.translated:
            rank = (
                f"-ts_rank(e.title || e.body, {tsquery}) "
                "- ts_rank(e.autocomplete, plainto_tsquery('simple', %s))"
            )
            match = (
                f"((e.title || e.body) @@ {tsquery} "
                "OR e.autocomplete @@ plainto_tsquery('simple', %s))"
            )
            rank_params = match_params = [*tsquery_params, text]
        else:
            rank, match = (
                f"-ts_rank(e.title || e.body, {tsquery})",
                f"(e.title || e.body) @@ {tsquery}",
            )
            rank_params = match_params = tsquery_params
        sql = (
            f"SELECT e.content_type_id AS ct, e.object_id AS oid, e.id AS entry, "
            f"{rank} AS sort_key FROM {ENTRY_TABLE} e "
            f"WHERE {match} AND e.content_type_id IN ({marks})"
        )
        return sql, [*rank_params, *match_params, *content_types]

    def _tsquery(self) -> tuple[str, list]:
        config = get_search_backend().config
        text = " ".join(self.terms)
        if config:
            return "plainto_tsquery(%s::regconfig, %s)", [config, text]
        return "plainto_tsquery(%s)", [text]


#: From how many entries holding a word a list is better read in its own order, testing
#: each record, than from the index (Match.in_order): with this many, a page of 20 is
#: found within a few hundred records even at 100,000 documents.
COMMON_ENTRIES = 3000

#: What of an entry's indexed text a snippet may come from (a document holds every version).
SNIPPET_SOURCE_LENGTH = 4000


def text_of(entry_column: str) -> str:
    """SQL for the start of the indexed text of an entry, where a hit's snippet may come
    from."""
    start = f"1, {SNIPPET_SOURCE_LENGTH}"
    if connection.vendor == "sqlite":
        return f"(SELECT substr(body, {start}) FROM {FTS_TABLE} WHERE rowid = {entry_column})"
    return f"(SELECT substr(body_text, {start}) FROM {ENTRY_TABLE} WHERE id = {entry_column})"


class Match:
    """The records of `model` (and its subclasses) that hold every word of `query`, within
    `within` (a queryset of the model, for models whose records are not all public)."""

    def __init__(
        self, model, query: str, *, within: QuerySet | None = None, language: str | None = None
    ):
        self.model = model
        self.words = Words(query, language=language)
        self.terms = self.words.terms
        self.translated = self.words.translated
        self.within = within

    def __bool__(self):
        return bool(self.words)

    def condition(self, alias: str = "h") -> tuple[str, list]:
        """SQL that keeps the rows of hits (as `alias`) that are this match's records."""
        content_types = list(get_descendants_content_types_pks(self.model))
        sql = f"{alias}.ct IN ({', '.join(['%s'] * len(content_types))})"
        params = list(content_types)
        if self.within is not None:
            ids = self.within.order_by().annotate(_search_id=Cast("pk", CharField()))
            inner, inner_params = ids.values("_search_id").query.sql_with_params()
            sql += f" AND {alias}.oid IN ({inner})"
            params += list(inner_params)
        return sql, params

    def _matched(self) -> tuple[str, list]:
        hits, hits_params = self.words.hits(list(get_descendants_content_types_pks(self.model)))
        condition, condition_params = self.condition()
        return f"({hits}) h WHERE {condition}", [*hits_params, *condition_params]

    def ids_sql(self) -> tuple[str, list]:
        """SQL for the primary keys of the matching records (unordered)."""
        matched, params = self._matched()
        return f"SELECT CAST(h.oid AS INTEGER) FROM {matched}", params

    def filter(self, queryset: QuerySet) -> QuerySet:
        """The records of `queryset` that hold every word (none when the query holds no
        word at all)."""
        if not self.terms:
            return queryset.none()
        return queryset.filter(pk__in=RawSQL(*self.ids_sql()))

    def in_order(self, queryset: QuerySet) -> QuerySet:
        """As `filter`, for a list read in its own order a page at a time. On SQLite, a
        word found in many entries is tested record by record along the list's index (the
        page is found after a few dozen records) rather than by reading every entry that
        holds it; a rarer one is read from the index, as `filter` does."""
        if not (
            self.terms
            and connection.vendor == "sqlite"
            and self.within is None
            and self._entries() >= COMMON_ENTRIES
        ):
            return self.filter(queryset)
        from wagtail.search.models import IndexEntry  # noqa: PLC0415 (needs the app registry)

        matched = RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [self.words.fts_query()]
        )
        holds = Exists(
            IndexEntry.objects.filter(
                content_type_id__in=list(get_descendants_content_types_pks(self.model)),
                object_id=Cast(OuterRef("pk"), CharField()),
                id__in=matched,
            )
        )
        return queryset.filter(holds)

    def _entries(self) -> int:
        """How many entries of the index, of any kind, hold every word (SQLite; cheap: the
        full-text index alone answers it)."""
        if not hasattr(self, "_entry_count"):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                    [self.words.fts_query()],
                )
                self._entry_count = cursor.fetchone()[0]
        return self._entry_count

    def count(self) -> int:
        if not self.terms:
            return 0
        matched, params = self._matched()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {matched}", params)
            return cursor.fetchone()[0]

    def ranked(self, *, offset: int = 0, limit: int = 20) -> list[tuple[int, str]]:
        """(primary key, indexed text) of one page of the matching records, most relevant
        first."""
        if not self.terms:
            return []
        matched, params = self._matched()
        sql = (
            f"SELECT page.id, {text_of('page.entry')} FROM (SELECT CAST(h.oid AS INTEGER) AS id, "
            f"h.entry, h.sort_key FROM {matched} ORDER BY h.sort_key, h.entry "
            f"LIMIT %s OFFSET %s) page ORDER BY page.sort_key, page.entry"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, int(limit), int(offset)])
            return [(pk, text or "") for pk, text in cursor.fetchall()]

    def ranked_ids(self, *, offset: int = 0, limit: int = 20) -> list[int]:
        """The primary keys of one page of the matching records, most relevant first."""
        return [pk for pk, _text in self.ranked(offset=offset, limit=limit)]

    def page(self, queryset: QuerySet, *, offset: int = 0, limit: int = 20) -> list:
        """One page of the matching records of `queryset`, most relevant first."""
        ids = self.ranked_ids(offset=offset, limit=limit)
        found = queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def first_of_each(matches: list[Match], size: int) -> list[tuple[int, list[tuple[int, str]]]]:
    """For each match, (how many records match, [(primary key, indexed text)] of the
    `size` most relevant, at least one), in one statement that asks the index once and
    reads its hits once: the matches share their words."""
    found = [(0, []) for _ in matches]
    live = [(position, match) for position, match in enumerate(matches) if match.terms]
    if not live:
        return found
    content_types = sorted(
        {ct for _, match in live for ct in get_descendants_content_types_pks(match.model)}
    )
    hits, hits_params = live[0][1].words.hits(content_types)
    cases, params = [], []
    for position, match in live:
        condition, condition_params = match.condition("h")
        cases.append(f"WHEN {condition} THEN {position}")
        params += condition_params
    params += hits_params  # the CASE comes first in the statement
    kinds = f"SELECT h.*, CASE {' '.join(cases)} END AS position FROM ({hits}) h"  # noqa: S608
    ranked = (
        "SELECT position, CAST(oid AS INTEGER) AS id, entry, sort_key, "
        "ROW_NUMBER() OVER (PARTITION BY position ORDER BY sort_key, entry) AS place, "
        f"COUNT(*) OVER (PARTITION BY position) AS n FROM ({kinds}) k WHERE position IS NOT NULL"
    )
    sql = (
        f"SELECT position, id, {text_of('entry')}, n FROM ({ranked}) r "
        f"WHERE place <= {max(1, int(size))} ORDER BY position, place"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for position, pk, text, total in cursor.fetchall():
            found[position] = (total, [*found[position][1], (pk, text or "")])
    return found


class RankedRecords:
    """The records of `queryset` that a match holds, most relevant first, as a paginator
    (or the API's pagination) wants them: a count, and slices read by rank."""

    def __init__(self, match: Match, queryset: QuerySet):
        self.match = Match(
            queryset.model,
            " ".join(match.terms),
            within=queryset,
            language=None if match.translated else settings.LANGUAGE_CODE,
        )
        self.queryset = queryset
        #: How many there are, where the caller knows it already (from facet counts).
        self.total: int | None = None

    def count(self) -> int:
        return self.match.count() if self.total is None else self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        start = window.start or 0
        stop = window.stop if window.stop is not None else start + 100
        # Read when first used, as a queryset's slice is: a page whose rendering is kept
        # in the cache never ranks its records.
        return SimpleLazyObject(
            lambda: self.match.page(self.queryset, offset=start, limit=max(0, stop - start))
        )
