import pytest

from forum.news.models import NewsItem

pytestmark = pytest.mark.django_db


def test_news_newest_first(client):
    response = client.get("/news/")
    items = list(response.context["page"].object_list)
    assert items[0].slug == "govtech-forum-2023"
    assert items[-1].slug == "d5-founded-london-2014"
    assert "Denmark becomes the tenth member" in response.content.decode()


def test_news_item_page(client):
    html = client.get("/news/canada-uruguay-join-d7-2018/").content.decode()
    assert "<h1>Canada and Uruguay join: the D5 becomes the D7</h1>" in html
    assert "22 February 2018" in html


def test_unpublished_news_is_not_shown(client):
    NewsItem.objects.filter(slug="govtech-forum-2023").update(published=False)
    assert client.get("/news/govtech-forum-2023/").status_code == 404
    assert "GovTech" not in client.get("/news/").content.decode()
