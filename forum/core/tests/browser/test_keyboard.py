"""Tasks done with the keyboard alone (Tab, Shift+Tab, Enter, arrow keys and typing; no
mouse, no click), each with JavaScript on and off: the site has no script of its own and
must not need one. Signing in and submitting a practice is in test_workspace.py."""

from pathlib import Path

import pytest

from .conftest import focused_text, tab_to

pytestmark = pytest.mark.browser

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


@pytest.fixture
def context_for(browser):
    """browser.new_context(java_script_enabled=…), closed after the test."""
    contexts = []

    def make(javascript):
        context = browser.new_context(java_script_enabled=javascript)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def focused(page, prop):
    return page.evaluate("prop => document.activeElement[prop]", prop)


@JAVASCRIPT
def test_filter_the_documents_open_one_and_download_its_pdf(context_for, site_url, javascript):
    page = context_for(javascript).new_page()
    page.goto(site_url + "/documents/")

    # Type: the select is reached with Tab and set with the arrow keys.
    tab_to(page, "type")
    assert focused(page, "value") == ""
    for _ in range(10):
        if focused(page, "value") == "charter":
            break
        page.keyboard.press("ArrowDown")
    assert focused(page, "value") == "charter"
    tab_to(page, "Show documents")
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/?*type=charter*")
    assert page.locator(".results-count").inner_text() == "1 document"

    tab_to(page, "/documents/dn-charter/")
    assert focused_text(page).strip() == "Digital Nations Charter"
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/dn-charter/")
    assert page.locator("main h1").inner_text() == "Digital Nations Charter"

    tab_to(page, "Document record (PDF)")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"


@JAVASCRIPT
def test_search_from_the_header_and_open_a_result(context_for, site_url, javascript):
    page = context_for(javascript).new_page()
    page.goto(site_url + "/")
    tab_to(page, "site-q")
    page.keyboard.type("charter")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=charter")
    assert page.locator("main h1").inner_text() == "Search"

    tab_to(page, "/documents/dn-charter/")
    assert focused_text(page).strip() == "Digital Nations Charter"
    assert page.evaluate("document.activeElement.closest('main') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/dn-charter/")
    assert page.locator("main h1").inner_text() == "Digital Nations Charter"


@JAVASCRIPT
def test_shift_tab_goes_back_and_space_opens_the_sources(context_for, site_url, javascript):
    """Shift+Tab walks back through the same stops; Space opens a <details>."""
    page = context_for(javascript).new_page()
    page.goto(site_url + "/documents/dn-charter/")
    tab_to(page, "Document record (PDF)")
    forward = []
    for _ in range(3):
        page.keyboard.press("Tab")
        forward.append(focused_text(page).strip())
    backward = []
    for _ in range(3):
        backward.append(focused_text(page).strip())
        page.keyboard.press("Shift+Tab")
    assert backward == forward[::-1]
    assert focused_text(page).strip() == "Document record (PDF)"

    tab_to(page, "SUMMARY", limit=300)
    assert page.locator("details.sources[open]").count() == 0
    page.keyboard.press("Space")
    assert page.locator("details.sources[open]").count() == 1


# Every stop of the Tab order on a page shows where the focus is.
FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
        tag: el.tagName,
        text: (el.textContent || el.name || '').trim().slice(0, 40),
        visible: outline || style.boxShadow !== 'none',
    };
}"""


@pytest.mark.parametrize("path", ["/documents/dn-charter/", "/he/documents/dn-charter/"])
def test_every_tab_stop_shows_the_focus(page, site_url, path):
    page.goto(site_url + path)
    stops = []
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        stops.append(page.evaluate(FOCUS_STYLE))
    else:
        raise AssertionError("the Tab order never came back to the start")
    assert len(stops) > 20
    assert [stop for stop in stops if not stop["visible"]] == []
