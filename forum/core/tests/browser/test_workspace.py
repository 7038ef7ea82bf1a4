"""The members' workspace in a real browser: sign in and submit a practice with the
keyboard alone, and axe-core on every workspace form."""

import pytest

from .conftest import PASSWORD, REPRESENTATIVE
from .test_public_pages import AXE_TAGS

pytestmark = pytest.mark.browser


def tab_to(page, name, limit=150):
    """Press Tab until the field called `name`, the button or link with that text, or the
    link to that path ("/path/") has focus."""
    script = """name => {
        const el = document.activeElement;
        if (!el) return false;
        const text = el.textContent.trim();
        return el.name === name || (el.tagName === 'BUTTON' && text === name)
            || (el.tagName === 'A' && (text === name || el.getAttribute('href') === name));
    }"""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(script, name):
            return
    raise AssertionError(f"Tab never reached {name!r}")


def axe_violations(page, axe_source):
    page.evaluate(axe_source)
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}},
    )
    assert result["passes"]
    return [f"{v['id']}: {v['help']} {v['nodes'][0]['target']}" for v in result["violations"]]


def sign_in(page, site_url):
    page.goto(site_url + "/accounts/sign-in/")
    tab_to(page, "email")
    page.keyboard.type(REPRESENTATIVE)
    tab_to(page, "password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/workspace/")


def test_sign_in_and_submit_a_practice_with_the_keyboard_only(page, site_url, axe_source):
    sign_in(page, site_url)
    assert "You represent Estonia." in page.content()

    tab_to(page, "/workspace/practices/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/workspace/practices/")
    tab_to(page, "Write a practice")
    page.keyboard.press("Enter")
    page.wait_for_url("**/workspace/practices/new/")
    assert axe_violations(page, axe_source) == []

    for name, text in [
        ("title", "Once-only data exchange between agencies"),
        ("summary", "Agencies ask citizens for each piece of data once."),
        ("problem", "People gave the same data to many agencies."),
        ("approach", "A data exchange layer connects agency registers."),
        ("results", "Forms got shorter and faster to fill in."),
    ]:
        tab_to(page, name)
        page.keyboard.type(text)
    tab_to(page, "Save the draft")
    page.keyboard.press("Enter")
    page.wait_for_url("**/workspace/practices/once-only-data-exchange-between-agencies/")
    assert axe_violations(page, axe_source) == []

    tab_to(page, "Submit for review")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "submitted" in page.locator("main").inner_text().lower()
    assert page.get_by_role("button", name="Submit for review").count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "/workspace/",
        "/workspace/practices/",
        "/workspace/questions/",
        "/workspace/questions/new/",
        "/workspace/directory/",
        "/workspace/directory/me/edit/",
        "/workspace/notifications/",
        "/workspace/notifications/preferences/",
        "/workspace/groups/",
        "/accounts/",
        "/accounts/password/",
        "/accounts/two-factor/",
    ],
)
def test_workspace_forms_have_no_axe_violation(page, site_url, axe_source, path):
    sign_in(page, site_url)
    response = page.goto(site_url + path)
    assert response.status == 200
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize(
    "path", ["/accounts/sign-in/", "/accounts/password-reset/", "/accounts/sign-in/?next=/cms/"]
)
def test_sign_in_forms_have_no_axe_violation(page, site_url, axe_source, path):
    assert page.goto(site_url + path).status == 200
    assert axe_violations(page, axe_source) == []
