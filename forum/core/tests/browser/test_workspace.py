"""The members' workspace in a real browser: sign in and submit a practice with the
keyboard alone (with and without JavaScript), and axe-core on every workspace and sign-in
form in English and in Hebrew."""

from urllib.parse import urlsplit

import pytest

from .conftest import LANGUAGES, PASSWORD, REPRESENTATIVE, axe_violations, tab_to

pytestmark = pytest.mark.browser


def sign_in(page, site_url):
    page.goto(site_url + "/accounts/sign-in/")
    tab_to(page, "email")
    page.keyboard.type(REPRESENTATIVE)
    tab_to(page, "password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/workspace/")


# The practice written in each run of the keyboard test, and the address it gets.
PRACTICES = {
    True: ("Once-only data exchange between agencies", "once-only-data-exchange-between-agencies"),
    False: ("Once-only data exchange without scripts", "once-only-data-exchange-without-scripts"),
}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_sign_in_and_submit_a_practice_with_the_keyboard_only(
    browser, site_url, axe_source, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    title, slug = PRACTICES[javascript]
    sign_in(page, site_url)
    assert "You represent Estonia." in page.content()

    tab_to(page, "/workspace/practices/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/workspace/practices/")
    tab_to(page, "Write a practice")
    page.keyboard.press("Enter")
    page.wait_for_url("**/workspace/practices/new/")
    if javascript:  # axe-core is a script: it cannot run where scripts are off
        assert axe_violations(page, axe_source) == []

    for name, text in [
        ("title", title),
        ("summary", "Agencies ask citizens for each piece of data once."),
        ("problem", "People gave the same data to many agencies."),
        ("approach", "A data exchange layer connects agency registers."),
        ("results", "Forms got shorter and faster to fill in."),
    ]:
        tab_to(page, name)
        page.keyboard.type(text)
    tab_to(page, "Save the draft")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/workspace/practices/{slug}/")
    assert page.locator("h1").inner_text() == title
    if javascript:
        assert axe_violations(page, axe_source) == []

    tab_to(page, "Submit for review")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "submitted" in page.locator("main").inner_text().lower()
    assert page.get_by_role("button", name="Submit for review").count() == 0
    context.close()


WORKSPACE_FORMS = [
    "/workspace/",
    "/workspace/practices/",
    "/workspace/practices/new/",
    "/workspace/questions/",
    "/workspace/questions/new/",
    "/workspace/directory/",
    "/workspace/directory/me/edit/",
    "/workspace/notifications/",
    "/workspace/notifications/preferences/",
    "/workspace/groups/",
    "/workspace/decisions/",
    "/workspace/statements/",
    "/workspace/statements/user-needs/",
    "/accounts/",
    "/accounts/password/",
    "/accounts/two-factor/",
]


@pytest.fixture
def signed_in_page(browser, signed_in_state):
    """A page in a browser context of its own, signed in as the representative."""
    context = browser.new_context(storage_state=signed_in_state)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", WORKSPACE_FORMS)
def test_workspace_forms_have_no_axe_violation(signed_in_page, site_url, axe_source, lang, path):
    page = signed_in_page
    url = site_url + LANGUAGES[lang] + path
    response = page.goto(url)
    assert response.status == 200
    assert page.url == url, "the signed-in session was not accepted"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("main h1").count() == 1
    assert axe_violations(page, axe_source) == []


SIGN_IN_FORMS = {
    # path: its heading in English and in Hebrew
    "/accounts/sign-in/": {"en": "Sign in", "he": "התחברות"},
    "/accounts/sign-in/?next=/cms/": {"en": "Sign in", "he": "התחברות"},
    "/accounts/password-reset/": {"en": "Reset your password", "he": "איפוס הסיסמה"},
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", SIGN_IN_FORMS)
def test_sign_in_forms_have_no_axe_violation(page, site_url, axe_source, lang, path):
    assert page.goto(site_url + LANGUAGES[lang] + path).status == 200
    assert urlsplit(page.url).path == LANGUAGES[lang] + urlsplit(path).path
    assert page.locator("main h1").inner_text() == SIGN_IN_FORMS[path][lang]
    assert axe_violations(page, axe_source) == []
