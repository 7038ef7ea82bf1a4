import feedparser
import pytest

from forum.news.models import NewsItem

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_news_feed_has_the_published_news_newest_first(client):
    feed = parse(client, "/feeds/news/")
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
    feed = parse(client, "/feeds/news/")
    assert "http://testserver/news/govtech-forum-2023/" not in {e.link for e in feed.entries}


def test_news_list_points_to_its_feed(client):
    html = client.get("/news/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feeds/news/"' in html
