"""Languages in a real browser: Hebrew pages run right to left and mirror the English
layout, the language switcher and the hreflang alternates lead to the same page in each
language, and links on a Hebrew page keep the reader in Hebrew."""

import re

import pytest

from .conftest import PUBLIC_PAGES, open_public_page, public_page_params

pytestmark = pytest.mark.browser

# The site's languages, as the switcher names each one in its own language.
SWITCHER = {
    "en": "English",
    "fr": "français",
    "es": "español",
    "pt": "Português",
    "ko": "한국어",
    "he": "עברית",
    "da": "dansk",
    "et": "eesti",
}


def box(page, selector):
    """Where the content of the one element matching `selector` is drawn (its text, for a
    heading as wide as the page): {"x": left edge, "right": right edge}."""
    assert page.locator(selector).count() == 1, selector
    return page.evaluate(
        """selector => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector(selector));
            const rect = range.getBoundingClientRect();
            return {x: rect.left, right: rect.right};
        }""",
        selector,
    )


def test_hebrew_page_runs_right_to_left(page, site_url):
    page.goto(site_url + "/he/about/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "he"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("main h1").inner_text() == "אודותינו"
    assert page.title().startswith("אודותינו")

    page.goto(site_url + "/about/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    assert page.locator("main h1").inner_text() == "About us"


def test_hebrew_layout_mirrors_the_english_one(page, site_url):
    """At 1280 pixels, what is at the left in English is as far from the right edge in
    Hebrew: the brand, the search form, the heading's text."""
    width = 1280
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "/about/")
    english = {name: box(page, name) for name in (".brand", ".site-search", "main h1")}
    page.goto(site_url + "/he/about/")
    hebrew = {name: box(page, name) for name in (".brand", ".site-search", "main h1")}

    assert english[".brand"]["right"] < width / 2 < hebrew[".brand"]["x"]
    assert hebrew[".site-search"]["right"] < width / 2 < english[".site-search"]["x"]
    # Mirrored: the brand and the heading start as far from the left edge in English as from
    # the right edge in Hebrew, and the search form ends so (±2 pixels: the words differ).
    for name in (".brand", "main h1"):
        assert abs(english[name]["x"] - (width - hebrew[name]["right"])) <= 2, name
    assert abs((width - english[".site-search"]["right"]) - hebrew[".site-search"]["x"]) <= 2


def test_language_switcher_and_alternates_lead_to_the_same_page_in_each_language(page, site_url):
    page.goto(site_url + "/he/documents/dn-charter/")
    links = page.locator("nav.languages a")
    found = {
        links.nth(i).get_attribute("hreflang"): {
            "href": links.nth(i).get_attribute("href"),
            "text": links.nth(i).inner_text(),
            "lang": links.nth(i).get_attribute("lang"),
            "current": links.nth(i).get_attribute("aria-current"),
        }
        for i in range(links.count())
    }
    assert list(found) == list(SWITCHER)
    for code, link in found.items():
        prefix = "" if code == "en" else f"/{code}"
        assert link == {
            "href": f"{prefix}/documents/dn-charter/",
            "text": SWITCHER[code],
            "lang": code,
            "current": "true" if code == "he" else None,
        }

    alternates = page.locator("link[rel=alternate][hreflang]")
    hreflangs = {
        alternates.nth(i).get_attribute("hreflang"): alternates.nth(i).get_attribute("href")
        for i in range(alternates.count())
    }
    assert hreflangs == {
        **{code: site_url + link["href"] for code, link in found.items()},
        "x-default": site_url + "/documents/dn-charter/",
    }

    # Each language's page is the same document, in that language.
    titles = {}
    for code, link in found.items():
        response = page.goto(site_url + link["href"])
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("html").get_attribute("dir") == ("rtl" if code == "he" else "ltr")
        assert page.locator("nav.languages a[aria-current=true]").inner_text() == SWITCHER[code]
        titles[code] = page.locator("main h1").inner_text()
    assert titles["en"] == "Digital Nations Charter"
    assert titles["he"] == "אמנת Digital Nations"
    assert len(set(titles.values())) > 1, "no language has its own title"


# Addresses that are the same in every language: files, feeds, the API, the sitemap, the
# back office.
LANGUAGE_NEUTRAL = re.compile(
    r"^/(static|media|files|feeds|cms|api/v1)/|^/data/[^/]+\.\w+$|^/sitemap\.xml$"
)


@pytest.mark.parametrize(("lang", "name"), public_page_params(["he"]))
def test_links_on_a_hebrew_page_stay_in_hebrew(page, site_url, lang, name):
    """Every link and form on a Hebrew page (but the language switcher) leads to a Hebrew
    page, or to an address that has no language."""
    open_public_page(page, site_url, lang, name)
    targets = page.evaluate(
        """origin => [...document.querySelectorAll('a[href], form[action]')]
            .filter(el => !el.closest('nav.languages'))
            .map(el => [el, new URL(el.href || el.action, document.baseURI)])
            .filter(([el, url]) => url.origin === origin)
            .map(([el, url]) => {
                const box = el.parentElement.closest('[class], [id]');
                const where = box ? box.tagName.toLowerCase()
                    + (box.id ? '#' + box.id : '.' + box.classList[0]) : '';
                return {path: url.pathname, link: `${where} “${el.textContent.trim()}”`};
            })""",
        site_url,
    )
    assert targets, "no link found"
    wrong = sorted(
        f"{target['link']} → {target['path']}"
        for target in targets
        if not target["path"].startswith("/he/") and not LANGUAGE_NEUTRAL.match(target["path"])
    )
    assert wrong == [], f"links out of Hebrew on /he{PUBLIC_PAGES[name].path}"
