from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# One page of every public page type, with a fact each must show.
PAGES = {
    "/": "Latest key documents",
    "/about/": "Mission statement",
    "/principles/user-needs/": "In each Charter version",
    "/principles/teaching-children-to-code/": "no longer has this principle",
    "/members/": "Digital Nations has 10 member governments.",
    "/members/ee/": "Summits hosted",
    "/summits/": "Ministerial summits",
    "/summits/2022-seoul/": "Agile and Active Digital Governance",
    "/working-groups/": "Led by Mexico",
    "/working-groups/data-360/": "Leads as reported over time",
    "/documents/": "November 2022",
    "/documents/dn-charter/": "Signatories",
    "/documents/?type=declaration&member=ee": "3 documents",
    "/documents/?q=Busan&type=charter": "No documents match",
    "/documents/dn-charter/versions/2/": "This is not the current version.",
    "/documents/dn-charter/compare/?from=1&to=5": "5 paragraphs added, 4 removed",
    "/news/": "News and updates",
    "/news/denmark-tenth-member-2019/": "Denmark becomes the tenth member",
    "/search/?q=Busan": 'href="/documents/busan-declaration-2016/"',
    "/search/?q=digital&kind=principles": "Principles",
    "/search/": "Search",
    "/api/docs/": "GET /api/v1/documents/{slug}",
    "/data/": "document-versions.csv",
    "/practices/": "Practices",
    "/no-such-page/": "Page not found",
}


@pytest.fixture
def visit(page, site_url):
    """Open a path, recording every host the page contacts."""
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    def go(path):
        hosts.clear()
        response = page.goto(site_url + path)
        return response, hosts

    return go


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violation_and_stays_on_our_host(visit, page, site_url, axe_source, path):
    response, hosts = visit(path)
    assert response.status == (404 if path == "/no-such-page/" else 200)
    assert PAGES[path] in page.content()
    page.evaluate(axe_source)
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}},
    )
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]
    assert violations == []
    assert result["passes"], "axe ran no check"
    assert hosts == {urlsplit(site_url).netloc}


def test_axe_reports_a_violation_when_there_is_one(visit, page, axe_source):
    visit("/members/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    page.evaluate(axe_source)
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a']})")
    assert "image-alt" in {violation["id"] for violation in result["violations"]}


@pytest.mark.parametrize("path", ["/", "/documents/dn-charter/", "/members/"])
def test_page_fits_a_320_pixel_screen(visit, page, path):
    page.set_viewport_size({"width": 320, "height": 640})
    visit(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(visit, page):
    visit("/members/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/documents/")
    page.get_by_role("link", name="Digital Nations Charter").click()
    assert page.url.endswith("/documents/dn-charter/")
    page.locator("details.sources summary").click()  # <details> opens without script
    assert page.locator("details.sources[open]").count() == 1
    context.close()


def test_find_a_document_by_filters_and_read_it_with_the_keyboard(visit, page):
    visit("/documents/")
    page.focus("#id_type")
    page.keyboard.press("ArrowDown")  # first option after "Any type": Charter
    page.select_option("#id_type", "charter")
    page.focus("#id_type")
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/?*type=charter*")
    assert "1 document" in page.content()
    page.get_by_role("link", name="Digital Nations Charter", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/dn-charter/")
    assert page.locator("h1").inner_text() == "Digital Nations Charter"


def test_the_pdf_downloads_in_the_browser(visit, page, site_url):
    visit("/documents/dn-charter/")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF of the current version").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_search_from_the_header_with_the_keyboard(visit, page):
    visit("/")
    page.focus("#site-q")
    page.keyboard.type("Data 360")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Data+360")
    assert page.get_by_role("link", name="Digital Nations Data 360° Declaration").count() >= 1
