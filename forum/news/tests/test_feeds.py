import pytest

from forum.core.tests.helpers import parse_feed
from forum.news.models import NewsItem

pytestmark = pytest.mark.django_db


def test_news_feed_has_the_published_news_newest_first(client):
    feed = parse_feed(client, "/feeds/news/")
    assert feed.feed.title == "Digital Nations: news"
    assert len(feed.entries) == 5
    first = feed.entries[0]
    assert first.title == "Digital Nations co-hosts the first Global GovTech Forum"
    assert first.link == "http://testserver/news/govtech-forum-2023/"
    assert first.id == first.link
    assert first.summary.startswith("The forum co-hosted the World Bank")
    dates = [entry.updated_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_unpublished_news_is_absent_from_the_feed(client):
    NewsItem.objects.filter(slug="govtech-forum-2023").update(published=False)
    feed = parse_feed(client, "/feeds/news/")
    assert "http://testserver/news/govtech-forum-2023/" not in {e.link for e in feed.entries}


def test_news_list_points_to_its_feed(client):
    html = client.get("/news/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feeds/news/"' in html


def test_an_empty_feed_is_as_new_as_the_content_not_as_the_request(client):
    """<updated> of a feed that lists nothing is when content last changed, not the
    time of the request: reading it again, later, gives the same feed."""
    import time

    from forum.core.models import ContentClock

    NewsItem.objects.update(published=False)
    ContentClock.touch()
    first = parse_feed(client, "/feeds/news/")
    assert first.entries == []
    time.sleep(1.1)
    again = parse_feed(client, "/feeds/news/")
    changed = ContentClock.last_change().timetuple()[:6]
    assert first.feed.updated_parsed[:6] == again.feed.updated_parsed[:6] == changed
