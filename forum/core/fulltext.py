"""Words searched for in Wagtail's search index directly, ranked by the database.

Wagtail's database backend (django-modelsearch) finds records well but ranks them with a
subquery per hit on SQLite and matches an expression no index serves on PostgreSQL, so
lists and the site search ask the index themselves: the matching entries of one model,
ranked, one page of them, whose records are then read by primary key.

- SQLite: the index's FTS5 table, ranked by `bm25` (the title weighs more than the body).
- PostgreSQL: the index's `title || body` tsvectors, matched with `plainto_tsquery` in the
  configuration the index was built with, served by a GIN index on that expression
  (migration search 0001), ranked by `ts_rank`.

Only the words of a query reach the database (`forum.core.text.search_terms`): whatever
is typed, the query is never a syntax error.
"""

from modelsearch.utils import get_descendants_content_types_pks

from django.conf import settings
from django.db import connection
from django.db.models import CharField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.translation import get_language

from wagtail.search.backends import get_search_backend

from forum.core.text import search_terms

# Wagtail's search index: wagtailsearch_indexentry, and on SQLite its FTS5 table
# wagtailsearch_indexentry_fts (rowid = the entry's id).
ENTRY_TABLE = "wagtailsearch_indexentry"
FTS_TABLE = f"{ENTRY_TABLE}_fts"
# bm25 weights of the FTS table's columns, in its order: autocomplete, body, title.
BM25_WEIGHTS = (0.0, 1.0, 2.0)


class Match:
    """The index entries of `model` (and its subclasses) that hold every word of `query`,
    within `within` (a queryset of the model, for models with records the public does not
    see) if given.

    In English the words are looked for in the records' English texts; in another of the
    site's languages, in their translations too (which the index keeps in its autocomplete
    column: `TranslatedInSearch`)."""

    def __init__(
        self, model, query: str, *, within: QuerySet | None = None, language: str | None = None
    ):
        self.model = model
        self.terms = search_terms(query)
        self.within = within
        language = language or get_language() or settings.LANGUAGE_CODE
        self.translated = language != settings.LANGUAGE_CODE

    def __bool__(self):
        return bool(self.terms)

    def _where(self) -> tuple[str, list]:
        content_types = list(get_descendants_content_types_pks(self.model))
        marks = ", ".join(["%s"] * len(content_types))
        if connection.vendor == "sqlite":
            words = " AND ".join('"' + term.replace('"', '""') + '"' for term in self.terms)
            columns = "title body autocomplete" if self.translated else "title body"
            sql = f"{FTS_TABLE} MATCH %s AND e.content_type_id IN ({marks})"
            params = ["{" + columns + "} : (" + words + ")", *content_types]
        elif self.translated:
            sql = (
                f"((e.title || e.body) @@ {self._tsquery()} "
                f"OR e.autocomplete @@ plainto_tsquery('simple', %s)) "
                f"AND e.content_type_id IN ({marks})"
            )
            params = [*self._tsquery_params(), " ".join(self.terms), *content_types]
        else:
            sql = f"(e.title || e.body) @@ {self._tsquery()} AND e.content_type_id IN ({marks})"
            params = [*self._tsquery_params(), *content_types]
        if self.within is not None:
            ids = self.within.order_by().annotate(_search_id=Cast("pk", CharField()))
            inner, inner_params = ids.values("_search_id").query.sql_with_params()
            sql += f" AND e.object_id IN ({inner})"
            params += list(inner_params)
        return sql, params

    def _tsquery(self) -> str:
        config = get_search_backend().config
        return "plainto_tsquery(%s::regconfig, %s)" if config else "plainto_tsquery(%s)"

    def _tsquery_params(self) -> list:
        config = get_search_backend().config
        text = " ".join(self.terms)
        return [config, text] if config else [text]

    def _sort_key(self) -> tuple[str, list]:
        """The relevance of an entry as a number to sort by, most relevant first."""
        if connection.vendor == "sqlite":
            weights = ", ".join(str(weight) for weight in self._weights())
            return f"bm25({FTS_TABLE}, {weights})", []  # negative: lower is better
        rank = f"-ts_rank(e.title || e.body, {self._tsquery()})"
        if self.translated:
            rank += " - ts_rank(e.autocomplete, plainto_tsquery('simple', %s))"
            return rank, [*self._tsquery_params(), " ".join(self.terms)]
        return rank, self._tsquery_params()

    def _weights(self) -> tuple[float, ...]:
        if self.translated:
            return (1.0, *BM25_WEIGHTS[1:])  # the translations count like the body
        return BM25_WEIGHTS

    def _text(self) -> str:
        """The entry's indexed text, where a hit's snippet may come from."""
        if connection.vendor == "sqlite":
            return f"{FTS_TABLE}.body"
        return "e.body_text"

    def _from(self) -> str:
        if connection.vendor == "sqlite":
            return f"{FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid"
        return f"{ENTRY_TABLE} e"

    def ids_sql(self) -> tuple[str, list]:
        """SQL for the primary keys of the matching records (unordered), to filter a
        queryset with: `.filter(pk__in=RawSQL(*match.ids_sql()))`."""
        where, params = self._where()
        return f"SELECT CAST(e.object_id AS INTEGER) FROM {self._from()} WHERE {where}", params

    def filter(self, queryset: QuerySet) -> QuerySet:
        """The records of `queryset` that hold every word (none when the query holds no
        word at all)."""
        if not self.terms:
            return queryset.none()
        return queryset.filter(pk__in=RawSQL(*self.ids_sql()))

    def count(self) -> int:
        if not self.terms:
            return 0
        where, params = self._where()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self._from()} WHERE {where}", params)
            return cursor.fetchone()[0]

    def ranked(self, *, offset: int = 0, limit: int = 20) -> list[tuple[int, str]]:
        """(primary key, indexed text) of one page of the matching records, most relevant
        first."""
        if not self.terms:
            return []
        where, params = self._where()
        sort_key, sort_params = self._sort_key()
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER), {self._text()} FROM {self._from()} "
            f"WHERE {where} ORDER BY {sort_key}, e.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *sort_params, int(limit), int(offset)])
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
    `size` most relevant, at least one), in one statement whatever the number of matches."""
    parts, params = [], []
    for position, match in enumerate(matches):
        if not match.terms:
            continue
        where, where_params = match._where()
        sort_key, sort_params = match._sort_key()
        source = match._from()
        parts.append(
            f"SELECT {position} AS position, hits.id, hits.text, hits.sort_key, hits.entry, "
            f"total.n FROM (SELECT CAST(e.object_id AS INTEGER) AS id, {match._text()} AS text, "
            f"{sort_key} AS sort_key, e.id AS entry FROM {source} WHERE {where} "
            f"ORDER BY sort_key, entry LIMIT {max(1, int(size))}) hits CROSS JOIN "
            f"(SELECT COUNT(*) AS n FROM {source} WHERE {where}) total"
        )
        params += [*sort_params, *where_params, *where_params]
    found = [(0, []) for _ in matches]
    if not parts:
        return found
    union = " UNION ALL ".join(f"SELECT * FROM ({part}) part{i}" for i, part in enumerate(parts))
    with connection.cursor() as cursor:
        cursor.execute(f"{union} ORDER BY position, sort_key, entry", params)
        for position, pk, text, _key, _entry, total in cursor.fetchall():
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

    def count(self) -> int:
        return self.match.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        start = window.start or 0
        stop = window.stop if window.stop is not None else start + 100
        return self.match.page(self.queryset, offset=start, limit=max(0, stop - start))
