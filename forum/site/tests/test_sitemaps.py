import pytest
from defusedxml import ElementTree as ET

from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.urls import NoReverseMatch, reverse

from forum.core.i18n import split_language
from forum.site import sitemaps

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("s:url/s:loc", NS)], root


def test_sitemap_lists_every_public_page(client):
    urls, _ = locations(client)
    assert len(urls) == len(set(urls))
    expected = [
        "/",
        "/about/",
        "/members/",
        "/members/ee/",
        "/principles/",
        "/principles/user-needs/",
        "/summits/",
        "/summits/2022-seoul/",
        "/working-groups/",
        "/working-groups/data-360/",
        "/documents/",
        "/documents/dn-charter/",
        "/news/",
        "/news/denmark-tenth-member-2019/",
        "/data/",
        "/api/docs/",
    ]
    for path in expected:
        assert f"http://testserver{path}" in urls
    assert sum(u.startswith("http://testserver/members/") for u in urls) == 11


def test_sitemap_lists_every_document_version(client):
    urls, _ = locations(client)
    for number in range(1, 6):
        assert f"http://testserver/documents/dn-charter/versions/{number}/" in urls
    assert "http://testserver/documents/busan-declaration-2016/versions/1/" in urls
    english = [u for u in urls if "/versions/" in u and split_language(u[17:])[0] == "en"]
    assert len(english) == 12
    # and each in every other language
    assert "http://testserver/he/documents/dn-charter/versions/3/" in urls
    assert sum("/versions/" in u for u in urls) == 12 * len(settings.LANGUAGES)


def test_sitemap_lists_the_practices_list_once_it_exists(client):
    urls, _ = locations(client)
    try:
        path = reverse("practices:list")
    except NoReverseMatch:  # the practices app publishes it
        pytest.skip("no practices list yet")
    assert f"http://testserver{path}" in urls


def test_sitemap_gives_every_address_in_every_language(client):
    urls, root = locations(client)
    assert "http://testserver/ko/members/" in urls
    assert "http://testserver/fr/about/" in urls
    entry = next(
        url
        for url in root.findall("s:url", NS)
        if url.find("s:loc", NS).text == "http://testserver/members/ee/"
    )
    alternates = {
        link.get("hreflang"): link.get("href") for link in entry.findall("xhtml:link", NS)
    }
    assert alternates["x-default"] == "http://testserver/members/ee/"
    assert alternates["et"] == "http://testserver/et/members/ee/"
    assert set(alternates) == {code for code, _ in settings.LANGUAGES} | {"x-default"}


def test_sitemap_has_no_alternates_with_one_language(client, settings):
    settings.LANGUAGES = [("en", "English")]
    _, root = locations(client)
    assert root.findall("s:url/xhtml:link", NS) == []


def test_sitemap_gives_language_alternates_when_there_are_languages(settings, rf):
    settings.LANGUAGES = [("en", "English"), ("fr", "Français")]
    sitemap = sitemaps.SITEMAPS["documents"]
    assert sitemap.i18n is True
    urls = sitemap.get_urls(site=RequestSite(rf.get("/")), protocol="https")
    assert urls and all(url["alternates"] for url in urls)
    assert {a["lang_code"] for a in urls[0]["alternates"]} == {"en", "fr", "x-default"}


def test_robots_txt_allows_the_public_site_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    for path in ("/cms/", "/workspace/", "/accounts/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
