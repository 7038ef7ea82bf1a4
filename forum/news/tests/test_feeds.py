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
