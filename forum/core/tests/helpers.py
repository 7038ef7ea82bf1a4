"""Steps that tests of several apps share."""

import feedparser


def parse_feed(client, url):
    """The Atom feed at `url`, checked to be valid Atom 1.0."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed
