"""Page weight in a real browser: each public page type, in English and in Hebrew, loaded
with an empty cache, costs at most 30 KB on the wire (HTML, CSS, scripts and fonts as sent,
compressed, with their headers; images aside; the members list with its map, 60 KB) and
asks nothing of any other host. Static files have hashed names, are cached for a year and
are sent compressed (gzip to the browser, Brotli to a client that asks for it). Run with
-s to read each page's figures."""

import gzip
import re
import urllib.request
from collections import Counter
from urllib.parse import urlsplit

import brotli
import pytest

from .conftest import LANGUAGES, PUBLIC_PAGES, public_page_params, record_hosts

pytestmark = pytest.mark.browser

BUDGET = 30 * 1024  # bytes per page
BUDGETS = {"members": 60 * 1024}  # a page with the members map (its SVG is inline)
ONE_YEAR = 365 * 24 * 60 * 60  # seconds
HASHED = re.compile(r"\.[0-9a-f]{12}\.[a-z0-9]+$")  # site.1bcbc440575f.css


def is_image(request) -> bool:
    return request.resource_type in {"image", "media"}


def load(browser, url):
    """Load `url` in a fresh browser context (no cache, no cookies). Returns what was
    received, in order, as dicts (url, type, status, request and response headers, bytes
    on the wire: headers and body as sent, image or not), the HTML of the page and the
    hosts contacted."""
    context = browser.new_context()
    page = context.new_page()
    requests, finished, failed = [], [], []
    # Events rather than response.finished(), which never returns for a request that
    # Chromium ends as failed after its response (such as a cancelled favicon).
    page.on("request", lambda request: requests.append(request))
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request))
    hosts = record_hosts(page)
    page.goto(url, wait_until="load")
    for _ in range(100):  # up to 5 seconds for what the page still loads
        done = {id(request) for request in finished + failed}
        if all(id(r) in done for r in requests if not is_image(r)):
            break
        page.wait_for_timeout(50)
    else:
        raise AssertionError(f"{url}: some requests never finished")
    assert [r.url for r in failed if not is_image(r)] == [], "requests failed"
    received = []
    done = {id(request) for request in finished}
    for request in (r for r in requests if id(r) in done):  # in the order they were sent
        response = request.response()
        sizes = request.sizes()
        received.append(
            {
                "url": request.url,
                "type": request.resource_type,
                "status": response.status,
                "request_headers": request.all_headers(),
                "headers": response.all_headers(),
                "bytes": sizes["responseHeadersSize"] + sizes["responseBodySize"],
                "image": is_image(request)
                or response.all_headers().get("content-type", "").startswith("image/"),
            }
        )
    html = page.content()
    context.close()
    return received, html, hosts


@pytest.mark.parametrize(("lang", "name"), public_page_params())
def test_page_weighs_at_most_30_kb_and_uses_only_our_host(browser, site_url, lang, name):
    spec = PUBLIC_PAGES[name]
    received, html, hosts = load(browser, spec.url(site_url, lang))
    assert hosts == {urlsplit(site_url).netloc}
    assert getattr(spec, lang) in html
    document = received[0]
    assert document["type"] == "document"
    assert document["status"] == spec.status
    assert document["headers"].get("content-encoding") == "gzip", "the page is sent uncompressed"

    counted = [response for response in received if not response["image"]]
    assert {response["type"] for response in counted} >= {"document", "stylesheet"}
    for response in counted[1:]:
        assert response["status"] == 200, response["url"]
    by_type = Counter()
    for response in counted:
        by_type[response["type"]] += response["bytes"]
    total = sum(by_type.values())
    path = LANGUAGES[lang] + spec.path
    print(
        f"\nweight {lang}-{name} {path}: {total} bytes ({total / 1024:.1f} KB) = "
        + " + ".join(f"{kind} {size}" for kind, size in by_type.items())
        + f"; images left out: {len(received) - len(counted)}"
    )
    budget = BUDGETS.get(name, BUDGET)
    assert total <= budget, f"{path} weighs {total} bytes, more than {budget}"


def test_static_files_are_hashed_cached_for_a_year_and_compressed(browser, site_url):
    received, _, _ = load(browser, site_url + "/documents/dn-charter/")
    statics = [r for r in received if urlsplit(r["url"]).path.startswith("/static/")]
    assert "stylesheet" in {response["type"] for response in statics}
    for response in statics:
        path = urlsplit(response["url"]).path
        assert HASHED.search(path), f"{path} has no content hash in its name"
        assert response["status"] == 200, path
        cache_control = response["headers"].get("cache-control", "")
        max_age = re.search(r"max-age=(\d+)", cache_control)
        assert max_age and int(max_age.group(1)) >= ONE_YEAR, f"{path}: {cache_control!r}"
        # Chromium asks for Brotli too (WhiteNoise then prefers it), or for gzip only.
        accepted = response["request_headers"].get("accept-encoding", "")
        expected = "br" if "br" in accepted else "gzip"
        assert expected in accepted, accepted
        encoding = response["headers"].get("content-encoding")
        assert encoding == expected, f"{path} sent as {encoding!r}, not {expected}"


def fetch(url, accept_encoding):
    headers = {"Accept-Encoding": accept_encoding}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our site, http)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers, response.read()


def test_static_files_and_pages_are_sent_with_brotli_or_gzip_when_asked(site_url):
    """A client that accepts Brotli gets Brotli static files; pages come gzipped (Django's
    GZipMiddleware). Each decompresses to the same bytes as the uncompressed file."""
    _, html = fetch(site_url + "/documents/dn-charter/", "identity")
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode())
    assert any(link.endswith(".css") for link in links), links
    for link in links:
        headers, plain = fetch(site_url + link, "identity")
        assert headers.get("Content-Encoding") is None
        headers, body = fetch(site_url + link, "br")
        assert headers.get("Content-Encoding") == "br", f"{link} is not sent with Brotli"
        assert brotli.decompress(body) == plain
        assert len(body) < len(plain)
        headers, body = fetch(site_url + link, "gzip")
        assert headers.get("Content-Encoding") == "gzip"
        assert gzip.decompress(body) == plain

    headers, body = fetch(site_url + "/documents/dn-charter/", "gzip, br")
    assert headers.get("Content-Encoding") == "gzip"
    assert "Digital Nations Charter" in gzip.decompress(body).decode()
