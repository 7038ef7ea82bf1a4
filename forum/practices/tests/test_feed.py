"""/feeds/practices/: Atom 1.0 of published public practices, newest first, with the
list's filters."""

import datetime

import pytest

from django.utils import timezone

from forum.core.tests.helpers import parse_feed
from forum.practices.models import Practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_practice, representative, other_representative):
    older = make_practice(
        representative, title="Older practice", status="published", themes=["Open data"]
    )
    newer = make_practice(other_representative, title="Newer practice", status="published")
    Practice.objects.filter(pk=older.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=30)
    )
    make_practice(
        representative, title="Members-only practice", status="published", visibility="members"
    )
    make_practice(representative, title="Draft practice")
    make_practice(representative, title="Submitted practice", status="submitted")
    return older, newer


def test_feed_lists_published_public_practices_newest_first(client, published):
    feed = parse_feed(client, "/feeds/practices/")
    assert feed.feed.title == "Digital Nations: practices"
    assert [entry.title for entry in feed.entries] == ["Newer practice", "Older practice"]
    older = feed.entries[1]
    assert older.link == "http://testserver/practices/older-practice/"
    assert older.summary.startswith("Estonia moved every public service")
    assert older.author == "Testland"
    assert [tag.term for tag in older.tags] == ["Open data"]
    assert len({entry.id for entry in feed.entries}) == 2


def test_feed_takes_the_list_filters(client, published):
    assert [e.title for e in parse_feed(client, "/feeds/practices/?member=qa").entries] == [
        "Older practice"
    ]
    assert [e.title for e in parse_feed(client, "/feeds/practices/?theme=open-data").entries] == [
        "Older practice"
    ]
    assert [e.title for e in parse_feed(client, "/feeds/practices/?q=newer").entries] == [
        "Newer practice"
    ]
    assert parse_feed(client, "/feeds/practices/?q=members-only").entries == []


def test_feed_refuses_bad_filters(client, db):
    response = client.get("/feeds/practices/?member=zz")
    assert response.status_code == 400
    assert "There is no member with the code “ZZ”." in response.content.decode()


def test_filtered_list_links_its_filtered_feed(client, published):
    html = client.get("/practices/?member=qa").content.decode()
    assert 'href="/feeds/practices/?member=qa"' in html
