"""Every public page type, in English and in Hebrew: the right page, no axe-core violation
of WCAG 2.0/2.1/2.2 A and AA, and no request to another host."""

from urllib.parse import urlsplit

import pytest

from .conftest import axe_violations, open_public_page, public_page_params, record_hosts

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "name"), public_page_params())
def test_page_has_no_axe_violation_and_stays_on_our_host(page, site_url, axe_source, lang, name):
    hosts = record_hosts(page)
    open_public_page(page, site_url, lang, name)
    assert axe_violations(page, axe_source) == []
    assert hosts == {urlsplit(site_url).netloc}


def test_axe_reports_a_violation_when_there_is_one(page, site_url, axe_source):
    page.goto(site_url + "/members/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(line.startswith("image-alt:") for line in axe_violations(page, axe_source))


@pytest.mark.parametrize(
    ("prefix", "text"), [("", "Skip to main content"), ("/he", "דילוג לתוכן הראשי")]
)
def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, site_url, prefix, text):
    page.goto(f"{site_url}{prefix}/members/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == text
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
