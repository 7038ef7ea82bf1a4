import threading

import feedparser
import pytest

from django.db import connection
from django.test import RequestFactory
from django.urls import resolve

from forum.core.tests.helpers import parse_feed

pytestmark = pytest.mark.django_db


def test_document_feed_has_one_entry_per_document_version(client):
    feed = parse_feed(client, "/feeds/documents/")
    assert feed.feed.title == "Digital Nations: key documents"
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 12  # 7 single-version documents and the Charter's 5 versions
    assert titles[0] == "Digital Nations Ministerial Communiqué 2022"
    assert "Digital Nations Charter: D5 Charter" in titles
    links = {entry.title: entry.link for entry in feed.entries}
    assert links["Digital Nations Charter: D7 Charter"] == (
        "http://testserver/documents/dn-charter/versions/2/"
    )
    assert links["Busan Declaration of Digital-5 Governments"] == (
        "http://testserver/documents/busan-declaration-2016/"
    )
    assert len({entry.id for entry in feed.entries}) == 12


def test_document_feed_takes_the_list_filters(client):
    feed = parse_feed(client, "/feeds/documents/?type=charter")
    assert [entry.title for entry in feed.entries] == [
        "Digital Nations Charter: Digital Nations Charter (2021)",
        "Digital Nations Charter: Digital Nations Charter (2020 update)",
        "Digital Nations Charter: D9 Charter",
        "Digital Nations Charter: D7 Charter",
        "Digital Nations Charter: D5 Charter",
    ]
    feed = parse_feed(client, "/feeds/documents/?q=Busan")
    assert [entry.title for entry in feed.entries] == ["Busan Declaration of Digital-5 Governments"]


def test_document_feed_refuses_bad_filters(client):
    response = client.get("/feeds/documents/?year=soon")
    assert response.status_code == 400
    assert b"year: Enter a whole number." in response.content


def test_concurrent_requests_with_different_filters_get_their_own_entries(monkeypatch):
    """The feed is one object serving every thread of a worker: two requests in flight
    at once, with different filters, each get the entries of their own filters."""
    feed = resolve("/feeds/documents/").func
    both_in_flight = threading.Barrier(2, timeout=10)
    title = type(feed).title

    def title_once_both_are_in_flight(self):
        both_in_flight.wait()
        return title(self)

    monkeypatch.setattr(type(feed), "title", title_once_both_are_in_flight)
    categories = {}

    def fetch(document_type):
        try:
            response = feed(RequestFactory().get("/feeds/documents/", {"type": document_type}))
            entries = feedparser.parse(response.content).entries
            categories[document_type] = {tag.term for entry in entries for tag in entry.tags}
        finally:
            connection.close()

    threads = [threading.Thread(target=fetch, args=(kind,)) for kind in ("charter", "communique")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert categories == {"charter": {"Charter"}, "communique": {"Communiqué"}}


def test_the_feed_asks_the_database_the_same_number_of_times_whatever_its_length(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        feed = parse_feed(client, "/feeds/documents/")
    assert len(feed.entries) > 10
