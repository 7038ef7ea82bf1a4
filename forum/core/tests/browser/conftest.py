"""Browser tests: a real site (gunicorn, production settings, its own SQLite file with the
forum's data) driven by Debian's Chromium through Playwright, checked with axe-core and the
Nu Html Checker.

Shared here: the site (`site_url`, one per test run), the public page types in English and
Hebrew (`PUBLIC_PAGES`, `public_page_params`), axe-core (`axe_violations`), a signed-in
browser state for the workspace (`signed_in_state`), keyboard helpers (`tab_to`) and the
folder screenshots and PDFs are saved to (`artifact_dir`)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[4]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def missing_tools() -> list[str]:
    missing = []
    if not shutil.which(CHROMIUM):
        missing.append(f"Chromium ({CHROMIUM})")
    if not AXE.is_file():
        missing.append("axe-core (npm ci)")
    return missing


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "browser" in item.keywords]
    missing = missing_tools()
    if not browser_items or not missing:
        return
    reason = "browser tests need " + " and ".join(missing) + "; run `make browser-deps`"
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"CI=true: {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter):
    missing = missing_tools()
    if missing:
        terminalreporter.write_line(
            "BROWSER TESTS SKIPPED: " + ", ".join(missing) + " not installed (make browser-deps)",
            yellow=True,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            *browser_type_launch_args.get("args", []),
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


REPRESENTATIVE = "kadri.tamm@example.ee"
PASSWORD = "correct horse battery staple 42"  # noqa: S105 (a test account)
# The forum's data has no public practice; one is published so that the practice page is
# tested like every other page type.
PUBLIC_PRACTICE = "Proactive services for new parents"
CREATE_ACCOUNTS = f"""
from forum.accounts.models import User
from forum.members.models import Member
from forum.practices import services
from forum.practices.models import Visibility
representative = User.objects.create_user(
    username="{REPRESENTATIVE}", email="{REPRESENTATIVE}", password="{PASSWORD}",
    role="representative", member=Member.objects.get(iso_code="EE"),
    first_name="Kadri", last_name="Tamm",
)
secretariat = User.objects.create_user(
    username="secretariat@example.org", email="secretariat@example.org",
    password="{PASSWORD}", role="secretariat", is_staff=True, first_name="Sam",
    last_name="Secretariat",
)
practice = services.practice_create(
    actor=representative, member=representative.member, title="{PUBLIC_PRACTICE}",
    summary="Parents of a newborn get their family benefits without applying.",
    problem="Parents had to apply for each benefit separately, on paper.",
    approach="The population register tells the benefits system about each birth.",
    results="Nine in ten families get their benefits with no application.",
    visibility=Visibility.PUBLIC,
)
services.practice_submit(actor=representative, practice=practice)
services.practice_publish(actor=secretariat, practice=practice)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """The site served as in production, on a port of its own, with the forum's data."""
    tmp = tmp_path_factory.mktemp("site")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    env.update(SQLITE_PATH=str(tmp / "db.sqlite3"), STATIC_ROOT=str(tmp / "static"), HTTPS="false")
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "-v0"],
        ["load_forum_data", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["shell", "-v0", "-c", CREATE_ACCOUNTS],
    ):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, timeout=300)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "forum.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the site did not start") from None
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


# The public page types -------------------------------------------------------------------

LANGUAGES = {"en": "", "he": "/he"}  # language code: path prefix


@dataclass(frozen=True)
class PublicPage:
    """One page of a public page type: its English path, and a piece of its HTML that the
    page must contain in each language (English, Hebrew)."""

    path: str
    en: str
    he: str
    status: int = 200

    def url(self, site_url: str, lang: str) -> str:
        return site_url + LANGUAGES[lang] + self.path


PUBLIC_PAGES = {
    "home": PublicPage("/", "Latest key documents", "מסמכי המפתח האחרונים"),
    "about": PublicPage("/about/", "Mission statement", "<h1>אודותינו</h1>"),
    "members": PublicPage(
        "/members/", "Digital Nations has 10 member governments.", "<h1>ממשלות חברות</h1>"
    ),
    "member": PublicPage("/members/ee/", "Summits hosted", "<h1>אסטוניה</h1>"),
    "principles": PublicPage("/principles/", "The 10 principles", "<h1>10 העקרונות</h1>"),
    "decisions": PublicPage("/decisions/?group=data-360", "2 decisions", "2 החלטות"),
    "principle": PublicPage(
        "/principles/user-needs/", "In each Charter version", "<h1>צורכי המשתמשים</h1>"
    ),
    "principle-retired": PublicPage(
        "/principles/teaching-children-to-code/",
        "no longer has this principle",
        "<h1>לימוד תכנות לילדים</h1>",
    ),
    "summits": PublicPage("/summits/", "Ministerial summits", "<h1>פסגות שרים</h1>"),
    "summit": PublicPage(
        "/summits/2022-seoul/", "Agile and Active Digital Governance", "<h1>פסגת השרים של DN 2022"
    ),
    "groups": PublicPage("/working-groups/", "Led by Mexico", "<h1>קבוצות עבודה</h1>"),
    "group": PublicPage("/working-groups/data-360/", "Participants", "משתתפים"),
    "documents": PublicPage("/documents/", "November 2022", "<h1>מסמכי מפתח</h1>"),
    "documents-filtered": PublicPage(
        "/documents/?type=declaration&member=ee", "3 documents", "3 מסמכים"
    ),
    "documents-none": PublicPage(
        "/documents/?q=Busan&type=charter", "No documents match", "אין מסמכים מתאימים"
    ),
    "document": PublicPage(
        "/documents/dn-charter/", "Signatories", "<h1>אמנת Digital Nations</h1>"
    ),
    "version": PublicPage(
        "/documents/dn-charter/versions/2/", "This is not the current version.", "זו אינה הגרסה"
    ),
    "compare": PublicPage(
        "/documents/dn-charter/compare/?from=1&to=5",
        "5 paragraphs added, 4 removed",
        "<h1>השוואת גרסאות של אמנת Digital Nations</h1>",
    ),
    "news": PublicPage("/news/", "News and updates", "<h1>חדשות ועדכונים</h1>"),
    "news-item": PublicPage(
        "/news/denmark-tenth-member-2019/",
        "Denmark becomes the tenth member",
        "<h1>דנמרק הופכת לחברה העשירית</h1>",
    ),
    "practices": PublicPage("/practices/", PUBLIC_PRACTICE, "<h1>פרקטיקות</h1>"),
    "practice": PublicPage(
        "/practices/proactive-services-for-new-parents/",
        "Parents had to apply for each benefit separately",
        "הבעיה",
    ),
    "search": PublicPage(
        "/search/?q=Busan",
        'href="/documents/busan-declaration-2016/"',
        'href="/he/documents/busan-declaration-2016/"',
    ),
    "search-kind": PublicPage(
        "/search/?q=digital&kind=principles",
        '<h2 id="kind-principles">Principles</h2>',
        '<h2 id="kind-principles">עקרונות</h2>',
    ),
    "search-empty": PublicPage("/search/", "<h1>Search</h1>", "<h1>חיפוש</h1>"),
    "api-docs": PublicPage("/api/docs/", "GET /api/v1/documents/{slug}", "תוכן העניינים"),
    "data": PublicPage("/data/", "document-versions.csv", "<h1>נתונים פתוחים</h1>"),
    "alerts": PublicPage(
        "/alerts/subscribe/?list=documents&type=charter",
        "<h1>Get email alerts</h1>",
        "<h1>קבלת עדכונים בדוא״ל</h1>",
    ),
    "privacy": PublicPage("/privacy/", "The audit log", "<h1>הודעת פרטיות</h1>"),
    "accessibility": PublicPage(
        "/accessibility/", "(WCAG) 2.2 at level AA", "<h1>הצהרת נגישות</h1>"
    ),
    "cookies": PublicPage("/cookies/", "<code>__Host-session</code>", "<h1>עוגיות</h1>"),
    "licence": PublicPage("/licence/", "CC BY 4.0", "<h1>רישיון ושימוש חוזר</h1>"),
    "contact": PublicPage("/contact/", 'name="message"', "<h1>יצירת קשר</h1>"),
    "contact-sent": PublicPage("/contact/sent/", "<h1>Message sent</h1>", "<h1>ההודעה נשלחה</h1>"),
    "not-found": PublicPage("/no-such-page/", "Page not found", "הדף לא נמצא", status=404),
}


def public_page_params(languages=tuple(LANGUAGES)):
    """pytest parameters (lang, name) for every public page type in each language, with
    ids such as "he-document"."""
    return [
        pytest.param(lang, name, id=f"{lang}-{name}") for lang in languages for name in PUBLIC_PAGES
    ]


def open_public_page(page, site_url, lang, name):
    """Open a public page in `lang` and check that it is the page it should be (status,
    language, content); returns the response."""
    spec = PUBLIC_PAGES[name]
    response = page.goto(spec.url(site_url, lang))
    assert response.status == spec.status
    assert page.locator("html").get_attribute("lang") == lang
    assert getattr(spec, lang) in page.content()
    return response


def record_hosts(page):
    """The set of hosts (host:port) that `page` sends requests to, filled as it goes."""
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    return hosts


# axe-core ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source) -> list[str]:
    """axe-core's WCAG 2.x A and AA violations on the page, one line each. axe-core is a
    script: with JavaScript off, axe.run never returns."""
    page.evaluate(axe_source)
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}},
    )
    assert result["passes"], "axe ran no check"
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']}: "
        f"{v['nodes'][0]['failureSummary']!r})"
        for v in result["violations"]
    ]


# The keyboard --------------------------------------------------------------------------

FOCUSED_IS = """name => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const text = el.textContent.trim();
    return el.name === name || el.id === name
        || (el.tagName === 'BUTTON' && text === name)
        || (el.tagName === 'A' && (text === name || el.getAttribute('href') === name))
        || el.tagName === name;
}"""


def tab_to(page, name, limit=150, key="Tab"):
    """Press Tab (or `key`, such as "Shift+Tab") until the field called `name` (or with
    that id), the button or link with that text, the link to that path ("/path/") or an
    element with that tag name ("SUMMARY") has focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(FOCUSED_IS, name):
            return
    raise AssertionError(f"{key} never reached {name!r}")


def focused_text(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.textContent : ''")


# The workspace -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def signed_in_state(browser, site_url, tmp_path_factory):
    """The cookies of a session of the representative, signed in once per test run
    through the sign-in form, for contexts that need to be signed in:
    browser.new_context(storage_state=signed_in_state)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "/accounts/sign-in/")
    page.fill("input[name=email]", REPRESENTATIVE)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    assert urlsplit(page.url).path == "/workspace/", page.url
    path = tmp_path_factory.mktemp("state") / "representative.json"
    context.storage_state(path=str(path))
    context.close()
    return str(path)


# Screenshots and PDFs ------------------------------------------------------------------


@pytest.fixture(scope="session")
def artifact_dir() -> Path:
    """Where screenshots and PDFs go: $SCREENSHOT_DIR, by default test-artifacts/screenshots
    in the checkout (ignored by git)."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "test-artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
