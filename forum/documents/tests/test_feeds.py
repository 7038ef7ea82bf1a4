import feedparser
import pytest

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_document_feed_has_one_entry_per_document_version(client):
    feed = parse(client, "/feeds/documents/")
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
    feed = parse(client, "/feeds/documents/?type=charter")
    assert [entry.title for entry in feed.entries] == [
        "Digital Nations Charter: Digital Nations Charter (2021)",
        "Digital Nations Charter: Digital Nations Charter (2020 update)",
        "Digital Nations Charter: D9 Charter",
        "Digital Nations Charter: D7 Charter",
        "Digital Nations Charter: D5 Charter",
    ]
    feed = parse(client, "/feeds/documents/?q=Busan")
    assert [entry.title for entry in feed.entries] == ["Busan Declaration of Digital-5 Governments"]


def test_document_feed_refuses_bad_filters(client):
    response = client.get("/feeds/documents/?year=soon")
    assert response.status_code == 400
    assert b"year: Enter a whole number." in response.content
