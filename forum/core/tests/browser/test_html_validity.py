"""Valid HTML: every public page type and the sign-in forms, in English and in Hebrew, as
the site sends them, checked by the Nu Html Checker (npm's vnu-jar, on the machine's
Java). The checker refuses localhost addresses, so the pages are fetched first and checked
as files, all in one run of the checker (a JVM takes seconds to start). Errors fail;
warnings are printed (run with -s to read them)."""

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import LANGUAGES, PUBLIC_PAGES, ROOT, public_page_params

pytestmark = pytest.mark.browser

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

# Pages besides the public ones: the sign-in forms, with a piece of their HTML.
FORMS = {
    "sign-in": ("/accounts/sign-in/", {"en": "<h1>Sign in</h1>", "he": "<h1>התחברות</h1>"}),
    "password-reset": (
        "/accounts/password-reset/",
        {"en": "<h1>Reset your password</h1>", "he": "<h1>איפוס הסיסמה</h1>"},
    ),
}


def pages_to_check():
    """(lang, name): (path, piece of HTML) for every page checked."""
    pages = {}
    for lang, prefix in LANGUAGES.items():
        for name, spec in PUBLIC_PAGES.items():
            pages[lang, name] = (prefix + spec.path, getattr(spec, lang))
        for name, (path, pieces) in FORMS.items():
            pages[lang, name] = (prefix + path, pieces[lang])
    return pages


PARAMS = [
    *public_page_params(),
    *(pytest.param(lang, name, id=f"{lang}-{name}") for lang in LANGUAGES for name in FORMS),
]


# A page with an error, checked with the others: the checker must report it.
INVALID = '<!DOCTYPE html><html lang="en"><title>Invalid</title><p><div></p>'


def require_checker():
    """Skip, saying why, without Java or vnu-jar; under CI=true, fail instead."""
    if not JAVA:
        missing = "java (apt-get install default-jre-headless, or make browser-deps)"
    elif not VNU.is_file():
        missing = "vnu-jar (npm ci)"
    else:
        return
    reason = f"the HTML validity tests need {missing}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


def fetch(url) -> str:
    """The page's HTML as the server sends it (error pages included)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (our site)
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


@pytest.fixture(scope="module")
def checker_messages(site_url, tmp_path_factory):
    """The Nu Html Checker's messages for every page, by (lang, name), and for the invalid
    control page, by ("control", "invalid")."""
    require_checker()
    folder = tmp_path_factory.mktemp("html")
    control = folder / "control-invalid.html"
    control.write_text(INVALID, encoding="utf-8")
    files = {control.resolve().as_uri(): ("control", "invalid")}
    for (lang, name), (path, piece) in pages_to_check().items():
        html = fetch(site_url + path)
        assert piece in html, f"{path} is not the page expected"
        file = folder / f"{lang}-{name}.html"
        file.write_text(html, encoding="utf-8")
        files[file.resolve().as_uri()] = (lang, name)
    result = subprocess.run(
        [
            JAVA,
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--stdout",
            *map(str, sorted(folder.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: some page has an error
    messages = {key: [] for key in files.values()}
    for message in json.loads(result.stdout)["messages"]:
        url = message.get("url", "")
        key = files.get(url) or files.get(Path(url.removeprefix("file:")).resolve().as_uri())
        assert key, f"the checker reported on an unknown file: {message}"
        messages[key].append(message)
    return messages


def describe(message) -> str:
    where = f"line {message.get('lastLine', '?')}"
    extract = message.get("extract", "").strip().replace("\n", " ")
    return f"{where}: {message['message']} [{extract}]"


@pytest.mark.parametrize(("lang", "name"), PARAMS)
def test_page_is_valid_html(checker_messages, lang, name):
    messages = checker_messages[lang, name]
    errors = [describe(m) for m in messages if m["type"] in {"error", "non-document-error"}]
    warnings = [describe(m) for m in messages if m["type"] == "info"]
    for warning in warnings:
        print(f"\nHTML warning {lang}-{name}: {warning}")
    assert errors == []


def test_checker_reports_invalid_html(checker_messages):
    """The checker, run as above, does report an error in a page that has one."""
    messages = checker_messages["control", "invalid"]
    assert any(message["type"] == "error" for message in messages), messages
