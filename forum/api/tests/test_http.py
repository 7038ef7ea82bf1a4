"""What every answer of the API shares: pagination, ETag, CORS, JSON errors, rate limit,
and a number of queries that does not grow with the rows."""

import datetime
import uuid

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import parse_http_date

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/members/",
    "/api/v1/principles/",
    "/api/v1/summits/",
    "/api/v1/working-groups/",
    "/api/v1/documents/",
    "/api/v1/news/",
]


def test_pages_link_to_each_other_and_cover_the_list_once(client, get_json):
    _, everything = get_json("/api/v1/summits/?limit=100")
    seen, url, pages = [], "/api/v1/summits/?limit=3", []
    while url:
        _, page = get_json(url)
        pages.append(page)
        assert page["count"] == 10
        seen += [summit["slug"] for summit in page["results"]]
        url = page["next"]
    assert seen == [summit["slug"] for summit in everything["results"]]
    assert len(pages) == 4
    assert pages[0]["previous"] is None
    assert pages[1]["previous"] == "http://testserver/api/v1/summits/?limit=3"
    assert pages[1]["next"] == "http://testserver/api/v1/summits/?limit=3&offset=6"
    assert pages[-1]["next"] is None


def test_page_links_keep_the_filters(get_json):
    _, page = get_json("/api/v1/documents/?type=declaration&limit=1")
    assert page["count"] == 3
    assert page["next"] == "http://testserver/api/v1/documents/?limit=1&offset=1&type=declaration"


def test_offset_past_the_end_gives_an_empty_page(get_json):
    _, page = get_json("/api/v1/members/?offset=50")
    assert page["results"] == [] and page["next"] is None
    assert page["previous"] == "http://testserver/api/v1/members/?limit=20"


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=many"])
def test_bad_pagination_is_a_400_naming_the_parameter(get_json, query):
    response, body = get_json(f"/api/v1/members/?{query}")
    assert response.status_code == 400
    assert list(body["errors"]) == [query.split("=")[0]]


def test_etag_gives_a_304_when_nothing_changed(client):
    response = client.get("/api/v1/members/ee")
    etag = response["ETag"]
    assert etag.startswith('"') and response["Cache-Control"]
    again = client.get("/api/v1/members/ee", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    weak = client.get("/api/v1/members/ee", headers={"If-None-Match": f"W/{etag}"})
    assert weak.status_code == 304
    other = client.get("/api/v1/members/ee", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200
    assert client.get("/api/v1/members/dk")["ETag"] != etag


def test_last_modified_gives_a_304_until_content_changes(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    from forum.members.models import Member

    response = client.get("/api/v1/members/ee")
    last_modified = response["Last-Modified"]
    assert last_modified.endswith(" GMT")
    assert "Last-Modified" in response["Access-Control-Expose-Headers"]
    again = client.get("/api/v1/members/ee", headers={"If-Modified-Since": last_modified})
    assert again.status_code == 304
    assert again["Last-Modified"] == last_modified
    assert again.content == b""
    # If-None-Match takes precedence: a stale ETag gets the record, whatever the date.
    stale = client.get(
        "/api/v1/members/ee",
        headers={"If-Modified-Since": last_modified, "If-None-Match": '"old"'},
    )
    assert stale.status_code == 200
    earlier = "Mon, 01 Jan 2024 00:00:00 GMT"
    assert client.get("/api/v1/news/", headers={"If-Modified-Since": earlier}).status_code == 200

    # HTTP dates count whole seconds: the change happens two seconds later.
    now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: now() + datetime.timedelta(seconds=2))
    with django_capture_on_commit_callbacks(execute=True):
        member = Member.objects.get(iso_code="DK")
        member.notes = "Changed for the test."
        member.save()
    changed = client.get("/api/v1/members/ee", headers={"If-Modified-Since": last_modified})
    assert changed.status_code == 200
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(last_modified)
    # The schema changes with the code, not the content: no Last-Modified from the clock.
    assert "Last-Modified" not in client.get("/api/v1/openapi.json")


def test_head_answers_like_get_without_a_body(client):
    get = client.get("/api/v1/members/")
    head = client.head("/api/v1/members/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


@pytest.mark.parametrize(
    "url", ["/api/v1/", "/api/v1/members/", "/api/v1/members/zz", "/api/v1/openapi.json"]
)
def test_any_site_may_read_the_api(client, url):
    response = client.get(url, headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_cors_preflight_for_get_is_answered(client):
    response = client.options(
        "/api/v1/documents/",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "if-none-match"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_is_a_json_405(client, method):
    response = getattr(client, method)("/api/v1/members/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["detail"] == "Only GET, HEAD, OPTIONS are allowed here."
    assert response["Access-Control-Allow-Origin"] == "*"


# An API address with or without its trailing slash is redirected (test_addresses.py).
@pytest.mark.parametrize(
    "url", ["/api/v1/nothing-here", "/api/v1/nothing-here/", "/api/v1/members/ee/x"]
)
def test_unknown_address_is_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "/api/docs/" in response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_too_many_requests_get_a_429_with_retry_after(rate_limits, client, settings):
    settings.API_RATE_LIMIT = 3
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"  # a fresh window
    answers = [client.get("/api/v1/members/", REMOTE_ADDR=address) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a["X-RateLimit-Remaining"] for a in answers[:3]] == ["2", "1", "0"]
    limited = answers[-1]
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json()["detail"].startswith("Too many requests: at most 3 a minute.")
    assert limited["Access-Control-Allow-Origin"] == "*"
    other = client.get("/api/v1/members/", REMOTE_ADDR=address + "1")
    assert other.status_code == 200


@pytest.mark.parametrize("url", LISTS)
def test_list_queries_do_not_grow_with_the_rows(client, url):
    def queries(limit):
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"{url}?limit={limit}").status_code == 200
        return len(context)

    assert queries(1) == queries(100)


def test_behind_the_proxy_the_limit_is_per_forwarded_address(rate_limits, client, settings):
    settings.API_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1  # behind one proxy
    proxy = f"10.0.{uuid.uuid4().int % 250}.1"
    first, second = (f"192.0.2.{uuid.uuid4().int % 250}", f"198.51.100.{uuid.uuid4().int % 250}")

    def get(forwarded):
        return client.get("/api/v1/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forwarded)

    assert get(f"203.0.113.9, {first}").status_code == 200
    assert get(f"203.0.113.9, {second}").status_code == 200  # another client, same proxy
    assert get(f"1.2.3.4, {first}").status_code == 429  # the client can't forge its address


@pytest.mark.parametrize(
    ("make", "status"),
    [
        (lambda client: client.get("/api/v1/members/", HTTP_HOST="evil.example"), 400),
        (lambda client: client.get("/api/v1/no-such-thing/"), 404),
        (lambda client: client.post("/api/v1/members/"), 405),
    ],
)
def test_every_api_error_is_json_of_one_shape(client, make, status):
    response = make(client)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(response.json()["detail"], str)


def test_an_api_failure_is_json_too(client, monkeypatch):
    from forum.members import api as members_api

    def broken(*args, **kwargs):
        raise RuntimeError("broken for the test")

    monkeypatch.setattr(members_api.Member.objects, "select_related", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/members/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "broken" not in response.content.decode()
