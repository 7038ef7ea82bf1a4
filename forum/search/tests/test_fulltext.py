"""Searching Wagtail's index directly (forum/core/fulltext.py): every language the site
speaks, ranked and bounded by the database, and an index that PostgreSQL really uses."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.core.fulltext import Match
from forum.documents.models import Document
from forum.principles.models import Principle

pytestmark = pytest.mark.django_db


def test_a_query_in_french_finds_records_by_their_french_text(client):
    # "Accompagnement numérique" is the French name of "Assisted digital".
    french = client.get("/fr/search/", {"q": "accompagnement"}).content.decode()
    assert 'href="/fr/principles/assisted-digital/"' in french
    assert "<mark>Accompagnement</mark> numérique" in french
    # English pages search the English texts only.
    english = client.get("/search/", {"q": "accompagnement"}).content.decode()
    assert 'href="/principles/assisted-digital/"' not in english
    assert "No results for" in english


def test_a_translation_saved_in_the_cms_is_searched_at_once(client):
    from django.contrib.contenttypes.models import ContentType

    from forum.core.models import Translation

    principle = Principle.objects.get(slug="open-standards")
    translation = Translation.objects.get(
        content_type=ContentType.objects.get_for_model(Principle),
        object_id=str(principle.pk),
        field="summary",
        language="et",
    )
    translation.text = "Eelistage avatud standardeid ja koostalitlusvõimelisi kvaksikuid."
    translation.save()
    html = client.get("/et/search/", {"q": "kvaksikuid"}).content.decode()
    assert 'href="/et/principles/open-standards/"' in html


def test_the_list_of_documents_finds_words_in_the_visitors_language(client):
    french = client.get("/fr/documents/", {"q": "numérique"}).content.decode()
    english = client.get("/documents/", {"q": "numérique"}).content.decode()
    assert french.count('<article class="item">') > english.count('<article class="item">')


def test_ranking_and_counting_take_a_query_each_whatever_the_hits(client):
    match = Match(Document, "digital")
    assert match.count() >= 5
    with CaptureQueriesContext(connection) as captured:
        first = match.ranked_ids(limit=3)
        assert match.count() >= len(first) == 3
    assert len(captured) == 2
    assert all(len(query["sql"]) < 2000 for query in captured)  # no list of ids in them


@pytest.mark.parametrize(
    "query",
    ['"', "'", "NEAR(a b)", "a*", "^x", "title:x", "a AND OR", "(", "-", "x" * 2000, "\x00", "٭"],
)
def test_any_text_is_a_query(client, query):
    assert Match(Document, query).count() >= 0
    assert client.get("/search/", {"q": query}).status_code == 200
    assert client.get("/documents/", {"q": query[:200]}).status_code in (200, 400)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_postgresql_serves_the_match_from_the_gin_index():
    """The match expression is the indexed one: PostgreSQL can serve it from the GIN index
    (which it does once the table is large; here it is told not to read it whole)."""
    tsquery, params = Match(Document, "procurement").words._tsquery()
    where = f"(e.title || e.body) @@ {tsquery}"
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        explain = f"EXPLAIN SELECT e.object_id FROM wagtailsearch_indexentry e WHERE {where}"
        cursor.execute(explain, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "forum_search_title_body_gin" in plan, plan


@pytest.mark.parametrize("query", ["charter", "digital government", "data", "zzznothing"])
def test_a_common_word_read_along_the_list_finds_the_same_page(monkeypatch, query):
    """Match.in_order tests a word found in many entries record by record along the list's
    own order: the same documents, in the same order, as reading them from the index."""
    from forum.core import fulltext
    from forum.documents.filters import filter_documents, ordered, search_ids

    def page(common):
        monkeypatch.setattr(fulltext, "COMMON_ENTRIES", common)
        ids = search_ids(query)
        documents = ordered(filter_documents({"q": query}, ids=ids, in_order=True), "", ids)
        return list(documents.values_list("pk", flat=True)[:20]), str(documents.query)

    from_index, index_sql = page(10**9)
    along_the_list, list_sql = page(1)
    assert along_the_list == from_index
    if connection.vendor == "sqlite" and from_index:
        assert "EXISTS" in list_sql and "EXISTS" not in index_sql
