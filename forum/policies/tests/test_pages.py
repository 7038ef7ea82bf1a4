"""The pages every government site has (privacy, accessibility, cookies, licence, contact):
in every language with their facts, linked from every page's footer, in the sitemap,
kept by the page cache, created by the loader, written in a format that cannot carry
markup."""

import re

import pytest
from defusedxml import ElementTree as ET

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.contact.models import ContactPage
from forum.core.models import Translation
from forum.policies.models import AccessibilityPage, CookiesPage, LicencePage, PrivacyPage
from forum.policies.text import to_html
from forum.site.loading import forum_data_load

pytestmark = pytest.mark.django_db

PAGES = {
    "privacy": PrivacyPage,
    "accessibility": AccessibilityPage,
    "cookies": CookiesPage,
    "licence": LicencePage,
    "contact": ContactPage,
}
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
NOTICE = 'id="translation-notice"'


def main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


# What each page must say, in English: what the codebase does.
FACTS = {
    "privacy": [
        "Email alerts: your email address",
        "The audit log",
        "Server logs",
        "Messages sent with the contact form",
        "The directory of digital leaders",
        "for 14 days",
        "12 hours after you signed in",
        'href="/workspace/directory/me/data.json"',
        'href="/workspace/directory/me/delete/"',
        'href="/contact/"',
        "pseudonymised",
    ],
    "accessibility": [
        "(WCAG) 2.2 at level AA",
        "axe-core",
        "Nu Html Checker",
        "with the keyboard alone",
        "Known limitations",
        'href="/contact/"',
    ],
    "cookies": [
        "<code>__Host-session</code>",
        "<code>__Host-csrftoken</code>",
        "<code>messages</code>",
        "strictly necessary",
    ],
    "licence": [
        "CC BY 4.0",
        'href="https://creativecommons.org/licenses/by/4.0/" rel="license"',
        'href="/data/"',
    ],
    "contact": ['action="/contact/send/"', 'name="message"', 'href="/privacy/"'],
}


@pytest.mark.parametrize("slug", PAGES)
def test_each_page_states_its_facts_in_english(client, slug):
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    html = main(response.content.decode())
    assert html.count("<h1>") == 1
    for fact in FACTS[slug]:
        assert fact in html, (slug, fact)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("slug", PAGES)
def test_each_page_is_whole_in_every_language(client, slug, language):
    page = PAGES[slug].objects.get()
    texts = dict(
        Translation.objects.filter(
            content_type=ContentType.objects.get_for_model(PAGES[slug], for_concrete_model=False),
            object_id=str(page.pk),
            language=language,
        ).values_list("field", "text")
    )
    assert set(texts) == {"title", "introduction", "body"}
    response = client.get(f"/{language}/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert NOTICE not in html
    assert f"<h1>{texts['title']}</h1>" in html
    assert page.body not in html
    first_heading = re.search(r"^## (.+)$", texts["body"], re.MULTILINE)
    if first_heading:
        assert f"<h2>{first_heading[1]}</h2>" in html
    # Links in the text stay in the reader's language.
    for target in re.findall(r"\]\((/[^)]*)\)", texts["body"]):
        assert f'href="/{language}{target}"' in html


def test_the_footer_of_every_page_links_to_them(client):
    footer = client.get("/news/").content.decode().split('<footer class="site-footer">')[1]
    for address in [
        "/privacy/",
        "/accessibility/",
        "/cookies/",
        "/licence/",
        "/contact/",
        "/data/",
        "/api/docs/",
        "/feeds/documents/",
        "/feeds/news/",
        "/feeds/practices/",
        "/accounts/sign-in/",
        "/cms/",
    ]:
        assert f'href="{address}"' in footer, address
    french = client.get("/fr/news/").content.decode().split('<footer class="site-footer">')[1]
    for address in ["/fr/privacy/", "/fr/contact/", "/fr/data/", "/fr/accounts/sign-in/"]:
        assert f'href="{address}"' in french, address
    assert 'href="/feeds/news/"' in french  # the feeds have one address


def test_the_sitemap_lists_them_in_every_language(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    for slug in PAGES:
        assert f"http://testserver/{slug}/" in urls
        assert f"http://testserver/he/{slug}/" in urls


@pytest.mark.parametrize("path", ["/privacy/", "/fr/licence/", "/cookies/", "/contact/sent/"])
def test_the_page_cache_keeps_them(client, settings, path):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(path)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(path)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert len(captured) == (0 if settings.SHARED_CACHE else 1)


def test_the_loader_makes_them_on_a_database_without_them():
    for model in PAGES.values():
        model.objects.get().delete()
    report = forum_data_load()
    for slug, model in PAGES.items():
        page = model.objects.get()
        assert page.slug == slug and page.live
        assert page.url == f"/{slug}/"
        assert model._meta.label in report.created
        translations = Translation.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id=str(page.pk),
            language="ko",
        )
        assert translations.count() == 3
    assert not forum_data_load().created  # and once only


def test_the_text_format_cannot_carry_markup():
    html = to_html(
        "## A <b>heading</b>\nFirst line\nsecond line.\n\n"
        "- one [link](/about/)\n- [bad](javascript:alert) and [far](//evil.example/)\n"
        "Then `<code>` & text."
    )
    assert "<h2>A &lt;b&gt;heading&lt;/b&gt;</h2>" in html
    assert "<p>First line second line.</p>" in html
    assert '<li>one <a href="/about/">link</a></li>' in html
    assert "<li>[bad](javascript:alert) and [far](//evil.example/)</li>" in html
    assert "<p>Then <code>&lt;code&gt;</code> &amp; text.</p>" in html
    assert "<script" not in to_html("<script>alert(1)</script>")
