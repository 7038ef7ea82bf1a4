import pytest

from forum.news.models import NewsItem

pytestmark = pytest.mark.django_db


def test_news_list_gives_published_items_newest_first(get_json):
    _, body = get_json("/api/v1/news/")
    assert body["count"] == 5
    assert body["results"][0]["slug"] == "govtech-forum-2023"
    dates = [item["date"] for item in body["results"]]
    assert dates == sorted(dates, reverse=True)


def test_news_item(get_json):
    response, item = get_json("/api/v1/news/denmark-tenth-member-2019")
    assert response.status_code == 200
    assert item["title"].startswith("Denmark")
    assert item["url"] == "http://testserver/news/denmark-tenth-member-2019/"


def test_unpublished_news_is_absent(get_json):
    NewsItem.objects.filter(slug="denmark-tenth-member-2019").update(published=False)
    _, body = get_json("/api/v1/news/")
    assert "denmark-tenth-member-2019" not in {item["slug"] for item in body["results"]}
    response, _ = get_json("/api/v1/news/denmark-tenth-member-2019")
    assert response.status_code == 404
