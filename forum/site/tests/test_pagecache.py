"""The page cache for anonymous visitors (forum/site/pagecache.py). Across processes it is
tested in forum/site/tests/test_many_processes.py."""

import gzip

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return response, len(captured)


def test_a_page_is_kept_and_answered_without_the_database(client, settings):
    first, made = queries(client, "/members/ee/")
    again, kept = queries(client, "/members/ee/")
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert "Estonia" in again.content.decode()
    assert made > 1
    # The content version: none with a cache every process shares, one query otherwise.
    assert kept == (0 if settings.SHARED_CACHE else 1)
    assert again["ETag"] == first["ETag"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_any_change_to_public_content_shows_at_once(client, django_capture_on_commit_callbacks):
    assert "Digital Estonia" not in client.get("/members/ee/").content.decode()
    estonia = Member.objects.get(iso_code="EE")
    estonia.government_body = "Digital Estonia"
    with django_capture_on_commit_callbacks(execute=True):
        estonia.save()
    assert "Digital Estonia" in client.get("/members/ee/").content.decode()
    # Every page, not only the record's own: the lists show it too.
    assert "Digital Estonia" in client.get("/members/ee/").content.decode()


def test_the_language_is_the_addresss_not_the_browsers(client):
    english = client.get("/about/", headers={"accept-language": "en"})
    from_a_french_browser, kept = queries(client, "/about/", **{"accept-language": "fr"})
    assert kept <= 1
    assert from_a_french_browser.content == english.content
    assert '<html lang="en"' in from_a_french_browser.content.decode()
    french = client.get("/fr/about/", headers={"accept-language": "en"})
    assert '<html lang="fr"' in french.content.decode()


def test_a_matching_etag_gets_a_304(client):
    etag = client.get("/summits/")["ETag"]
    assert etag.startswith('"')
    again = client.get("/summits/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get("/summits/", headers={"if-none-match": '"other"'}).status_code == 200


def test_pages_are_kept_compressed_and_plain_apart(client):
    compressed = client.get("/documents/", headers={"accept-encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"
    plain = client.get("/documents/")
    assert not plain.has_header("Content-Encoding")
    again, kept = queries(client, "/documents/", **{"accept-encoding": "gzip, br"})
    assert kept <= 1
    assert again["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.content) == plain.content


def test_the_query_string_is_part_of_the_address(client):
    charters = client.get("/documents/?type=charter").content.decode()
    reports = client.get("/documents/?type=report").content.decode()
    assert charters != reports
    assert client.get("/documents/?type=charter").content.decode() == charters


class Spy:
    """The cache, with what the page cache asked of it."""

    def __init__(self, cache):
        self.cache, self.got, self.kept = cache, [], []

    def get(self, key, *args, **kwargs):
        self.got.append(key)
        return self.cache.get(key, *args, **kwargs)

    def set(self, key, *args, **kwargs):
        self.kept.append(key)
        return self.cache.set(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


@pytest.fixture
def spy(monkeypatch):
    from forum.site import pagecache

    spy = Spy(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", spy)
    return spy


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/sign-in/",
        "/fr/accounts/sign-in/",
        "/workspace/",
        "/cms/",
        "/api/v1/members/",
        "/data/",
        "/static/css/site.css",
        "/healthz",
    ],
)
def test_what_is_never_looked_up(client, spy, url):
    client.get(url)
    client.get(url)
    assert spy.got == spy.kept == []


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-page/",  # 404
        "/alerts/subscribe/?list=news",  # a form: it sets the CSRF cookie
        "/members/EE/",  # a redirect
    ],
)
def test_what_is_never_kept(client, spy, url):
    client.get(url)
    assert len(spy.got) == 1
    assert spy.kept == []


def test_a_visitor_with_a_session_gets_their_own_page(client, spy, representative):
    client.force_login(representative)
    response = client.get("/members/")
    assert response.status_code == 200
    assert spy.got == spy.kept == []


def test_only_gets_and_heads_are_looked_up(client, spy):
    client.get("/documents/")
    client.head("/documents/")
    assert len(spy.got) == 2 and len(spy.kept) == 1
    client.post("/documents/")
    client.options("/documents/")
    assert len(spy.got) == 2
