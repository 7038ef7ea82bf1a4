"""Layout in a real browser: no public page, in English or in Hebrew, scrolls sideways on a
320-pixel phone or a 1280-pixel screen (a full-page screenshot of each is saved to the
artifact folder), and a printed document shows the document without the site's menus."""

import pytest

from .conftest import PUBLIC_PAGES, open_public_page, public_page_params

pytestmark = pytest.mark.browser

WIDTHS = {320: 640, 1280: 800}  # viewport width: height

# The outermost elements drawn beyond the left or right edge of the window (elements inside
# a box that scrolls or clips, such as table.data, do not widen the page and are left out).
OVERFLOWING = """() => {
    const width = window.innerWidth;
    const outside = el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
    };
    const contained = el => {
        for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== 'visible') return true;
        }
        return false;
    };
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].map(c => '.' + c).join('');
    return [...document.body.querySelectorAll('*')]
        .filter(el => outside(el) && !outside(el.parentElement) && !contained(el))
        .slice(0, 8)
        .map(el => {
            const r = el.getBoundingClientRect();
            const path = [el.parentElement, el].map(name).join(' > ');
            return `${path} spans ${Math.round(r.left)}..${Math.round(r.right)}`;
        });
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "name"), public_page_params())
def test_page_does_not_scroll_sideways(page, site_url, artifact_dir, lang, name, width):
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    open_public_page(page, site_url, lang, name)
    screenshot = artifact_dir / f"{lang}-{name}-{width}.png"
    page.screenshot(path=screenshot, full_page=True)
    assert screenshot.stat().st_size > 1000
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert inner_width == width
    assert scroll_width <= inner_width, (
        f"{PUBLIC_PAGES[name].path} ({lang}) is {scroll_width}px wide at {width}px: "
        + "; ".join(page.evaluate(OVERFLOWING))
    )


def test_overflow_check_finds_a_page_that_is_too_wide(page, site_url):
    """The check above can fail: a wide element makes the page scroll sideways."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + "/about/")
    page.evaluate(
        "document.querySelector('main').append(Object.assign(document.createElement("
        "'div'), {style: 'width: 500px; height: 1px'}))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") > 320
    assert any(line.startswith("main#main.wrap > div spans") for line in page.evaluate(OVERFLOWING))


@pytest.mark.parametrize(
    ("prefix", "title", "principle"),
    [
        ("", "Digital Nations Charter", "User needs"),
        ("/he", "אמנת Digital Nations", "צורכי המשתמשים"),
    ],
)
def test_a_printed_document_shows_the_document_not_the_menus(
    page, site_url, artifact_dir, prefix, title, principle
):
    page.goto(f"{site_url}{prefix}/documents/dn-charter/")
    hidden = [
        ".site-header nav.site-nav",
        ".site-header nav.languages",
        ".site-search",
        "nav.breadcrumbs",
        ".site-footer nav",
    ]
    for selector in hidden:  # on screen, all are there
        assert page.locator(selector).is_visible(), selector

    page.emulate_media(media="print")
    lang = "he" if prefix else "en"
    pdf = artifact_dir / f"{lang}-document-print.pdf"  # saved first, to look at if it fails
    page.pdf(path=pdf, format="A4")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = page.locator(".document-text")
    assert {
        "menus shown": [selector for selector in hidden if page.locator(selector).is_visible()],
        "title shown": page.locator("main h1").is_visible(),
        "title": page.locator("main h1").inner_text(),
        "text shown": text.is_visible(),
        "text has its first principle": principle in text.inner_text(),
    } == {
        "menus shown": [],
        "title shown": True,
        "title": title,
        "text shown": True,
        "text has its first principle": True,
    }
