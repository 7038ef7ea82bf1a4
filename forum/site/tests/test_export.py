"""export_site and verify_export: the public site as static files that open without a
server, every link inside the folder, a manifest that tells a tampered or missing file,
and the comparison of two exports.

One export of the forum's real data is made for the module (about 20 seconds) and read by
most tests; the comparison makes a second one."""

import datetime
import io
import json
import posixpath
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from django.conf import settings
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation

from wagtail.images import get_image_model

from forum.core.models import ContentClock
from forum.documents.models import Document, DocumentVersion
from forum.site.archive import manifest
from forum.site.archive.addresses import Addresses, relative_link
from forum.site.archive.export import sitemap_sections
from forum.site.archive.pages import edit_page
from forum.summits.models import Summit

# Every test reads the database the export is made from (pytest-django sets it up only
# for tests that ask for it).
pytestmark = pytest.mark.django_db

SITE = "https://digitalnations.example"
HOST = urlsplit(SITE).netloc
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "poster", "data")
PLAIN_STATIC = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CHROMIUM = "/usr/bin/chromium"


def export_site(target: Path, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with override_settings(STORAGES=PLAIN_STATIC):
        call_command("export_site", str(target), "--base-url", SITE, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def exported(tmp_path_factory, django_db_setup, django_db_blocker):
    """An export of the forum's real data: (folder, what it printed, its progress)."""
    target = tmp_path_factory.mktemp("exports") / "site"
    cache.clear()
    with django_db_blocker.unblock():
        # The export outlives the connection's age (CONN_MAX_AGE, a minute in production)
        # on a slow machine; here it is over at once, so a request that ends twice
        # (closing the connection inside the export's snapshot) fails every time.
        age = connection.settings_dict["CONN_MAX_AGE"]
        connection.close()
        connection.settings_dict["CONN_MAX_AGE"] = 0
        try:
            out, err = export_site(target, "--warc", str(target.parent / "site.warc.gz"))
        finally:
            connection.settings_dict["CONN_MAX_AGE"] = age
            connection.close()
    cache.clear()
    return target, out, err


@pytest.fixture
def export(exported):
    return exported[0]


def html_files(folder: Path):
    return sorted(folder.rglob("*.html"))


def links_of(soup):
    """(element, attribute, value) for every address in the page's attributes."""
    for element in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    yield element, attribute, candidate.strip().split(" ")[0]
            else:
                yield element, attribute, value


def sitemap_addresses():
    with translation.override("en"):
        sections = list(sitemap_sections())
    for language, _name in settings.LANGUAGES:
        for _section, sitemap in sections:
            for item in sitemap.items():
                with translation.override(language):
                    yield sitemap.location(item)


# What is exported


def test_every_page_of_the_sitemap_is_exported_in_every_language(export):
    addresses = Addresses(SITE)
    written = {entry.url: entry.path for entry in manifest.read(export)[1]}
    expected = list(sitemap_addresses())
    assert len(expected) > 80 * len(settings.LANGUAGES)
    for address in expected:
        assert written.get(address) == addresses.file_for(address), address
        assert (export / written[address]).is_file()
    assert written["/"] == "index.html"
    assert written["/documents/"] == "documents/index.html"
    assert written["/fr/documents/dn-charter/"] == "fr/documents/dn-charter/index.html"
    assert written["/he/members/ee/"] == "he/members/ee/index.html"


def test_documents_files_feeds_open_data_and_api_are_exported(export):
    written = {entry.url: entry for entry in manifest.read(export)[1]}
    for version in DocumentVersion.objects.select_related("document"):
        slug, number = version.document.slug, version.number
        for language in ("", "/fr", "/he"):
            assert f"{language}/documents/{slug}/versions/{number}.pdf" in written
        if version.text.strip():
            assert f"/documents/{slug}/versions/{number}.txt" in written
    for document in Document.objects.all():
        assert written[f"/documents/{document.slug}.pdf"].type == "application/pdf"
        assert written[f"/api/v1/documents/{document.slug}"].path == (
            f"api/v1/documents/{document.slug}.json"
        )
    assert written["/documents/dn-charter/compare/?from=1&to=2"].path == (
        "documents/dn-charter/compare/index-from-1-to-2.html"
    )
    for feed in ("documents", "news", "practices"):
        assert written[f"/feeds/{feed}/"].path == f"feeds/{feed}/index.xml"
    for name in ("members.csv", "documents.json", "datapackage.json"):
        assert written[f"/data/{name}"].path == f"data/{name}"
    assert written["/api/v1/members/ee"].path == "api/v1/members/ee.json"
    assert written["/api/v1/openapi.json"].path == "api/v1/openapi.json"
    assert written["/api/v1/"].path == "api/v1/index.json"
    stylesheet = [entry for url, entry in written.items() if url.endswith(".css")]
    assert stylesheet and stylesheet[0].path.startswith("static/css/")


def test_data_files_are_exported_byte_for_byte_as_published(export):
    client = Client(HTTP_HOST=HOST)
    with override_settings(API_RATE_LIMIT=0, ALLOWED_HOSTS=[HOST.split(":")[0]]):
        for address, file in [
            ("/data/documents.csv", "data/documents.csv"),
            ("/api/v1/members/ee", "api/v1/members/ee.json"),
            ("/feeds/documents/", "feeds/documents/index.xml"),
        ]:
            response = client.get(address, secure=True)
            assert (export / file).read_bytes() == response.content, address


def test_a_page_says_what_the_site_says(export):
    """The same view, the same words: only links and forms differ."""
    client = Client(HTTP_HOST=HOST)
    with override_settings(STORAGES=PLAIN_STATIC, ALLOWED_HOSTS=[HOST.split(":")[0]]):
        for address, file in [
            ("/members/ee/", "members/ee/index.html"),
            ("/ko/documents/dn-charter/", "ko/documents/dn-charter/index.html"),
        ]:
            live = BeautifulSoup(client.get(address, secure=True).content, "html.parser")
            copy = BeautifulSoup((export / file).read_bytes(), "html.parser")
            assert copy.main.get_text() == live.main.get_text(), address
            assert copy.html["lang"] == live.html["lang"]


def test_the_export_reports_its_progress_and_rate(exported):
    _folder, out, err = exported
    last = err.strip().splitlines()[-1]
    total = last.split("pages ", 1)[1].split(" ", 1)[0]
    done, of = total.split("/")
    assert done == of and int(of) > 600
    assert "files/s" in last and "pages/s" in last
    assert out.startswith("Exported ") and " files/s)" in out


# Links


def internal_links(folder: Path, page: Path):
    """(link, whether it names a file inside the folder) for each relative link of a page."""
    soup = BeautifulSoup(page.read_bytes(), "html.parser")
    file = page.relative_to(folder).as_posix()
    for _element, _attribute, value in links_of(soup):
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("#"):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(file), unquote(parts.path)))
        yield value, not target.startswith("../") and (folder / target).is_file()


def test_every_link_of_every_page_resolves_inside_the_export(export):
    checked = 0
    broken = []
    for page in html_files(export):
        for value, found in internal_links(export, page):
            checked += 1
            if not found:
                broken.append(f"{page.relative_to(export)}: {value}")
    assert checked > 10_000
    assert not broken, broken[:20]


def test_no_absolute_link_to_the_site_but_the_original_address(export):
    for page in html_files(export):
        soup = BeautifulSoup(page.read_bytes(), "html.parser")
        canonical = soup.find_all("link", rel="canonical")
        assert len(canonical) == 1, page
        assert canonical[0]["href"].startswith(SITE + "/")
        for element, _attribute, value in links_of(soup):
            if urlsplit(value).netloc == HOST:
                assert element is canonical[0], f"{page}: {element}"


def test_forms_that_need_a_server_are_notes_and_search_is_an_index(export):
    for page in html_files(export):
        soup = BeautifulSoup(page.read_bytes(), "html.parser")
        assert not soup.find_all("form"), page
        assert not soup.find_all(href=lambda v: v and "accounts" in v), page
    documents = BeautifulSoup((export / "documents/index.html").read_bytes(), "html.parser")
    assert "search is not available" not in documents.main.get_text()
    assert documents.find(class_="archive-note").get_text(strip=True) == (
        "This is an archived copy: filters and sorting are not available."
    )
    header_link = documents.find(class_="archive-index-link").a
    assert header_link["href"] == "../search/index.html"
    index = BeautifulSoup((export / "search/index.html").read_bytes(), "html.parser")
    titles = {a.get_text() for a in index.main.find_all("a")}
    assert set(Document.objects.values_list("title", flat=True)) <= titles
    assert "Estonia" in titles
    french = BeautifulSoup((export / "fr/search/index.html").read_bytes(), "html.parser")
    assert french.html["lang"] == "fr"
    assert french.find("a", href="../documents/dn-charter/index.html")


# The manifest and its checks


def test_manifest_lists_every_file_with_its_size_checksum_and_address(export):
    facts, entries = manifest.read(export)
    entries = list(entries)
    assert facts["manifest"] == 1
    assert facts["content_version"] == ContentClock.version()
    assert facts["code_version"] and facts["exported_at"] and facts["site"] == SITE
    assert facts["languages"] == [code for code, _name in settings.LANGUAGES]
    on_disk = {p.relative_to(export).as_posix() for p in export.rglob("*") if p.is_file()}
    assert on_disk - {manifest.NAME} == {entry.path for entry in entries}
    assert facts["count"] == len(entries)
    assert facts["bytes"] == sum(entry.size for entry in entries)
    assert len({entry.url for entry in entries}) == len(entries)
    charter = next(entry for entry in entries if entry.url == "/documents/dn-charter/")
    assert charter.sha256 == manifest.file_sha256(export / charter.path)
    assert json.loads((export / manifest.NAME).read_text())["count"] == len(entries)


def test_verify_export_passes_then_names_a_tampered_a_missing_and_an_extra_file(export, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(export, copy)
    out = io.StringIO()
    call_command("verify_export", str(copy), stdout=out)
    assert "files match the manifest" in out.getvalue()

    page = copy / "documents/dn-charter/index.html"
    page.write_bytes(page.read_bytes().replace(b"Charter", b"Charted", 1))
    (copy / "members/ee/index.html").unlink()
    (copy / "extra.html").write_text("<p>not exported</p>")
    out = io.StringIO()
    with pytest.raises(CommandError, match="does not match its manifest"):
        call_command("verify_export", str(copy), stdout=out)
    report = out.getvalue()
    assert "documents/dn-charter/index.html (/documents/dn-charter/): different SHA-256" in report
    assert "Missing (1):\n  members/ee/index.html (/members/ee/)" in report
    assert "Not in the manifest (1):\n  extra.html" in report


def test_verify_export_reads_a_manifest_written_otherwise(tmp_path):
    (tmp_path / "a.txt").write_text("hello")
    entry = {
        "path": "a.txt",
        "url": "/a.txt",
        "size": 5,
        "sha256": manifest.file_sha256(tmp_path / "a.txt"),
    }
    (tmp_path / manifest.NAME).write_text(json.dumps({"manifest": 1, "files": [entry]}, indent=4))
    report = manifest.verify(tmp_path)
    assert report.ok and report.checked == 1


def test_verify_export_refuses_a_folder_without_a_manifest(tmp_path):
    with pytest.raises(CommandError, match="holds no manifest.json"):
        call_command("verify_export", str(tmp_path), stdout=io.StringIO())


def test_the_comparison_lists_a_document_added_between_two_exports(export, tmp_path, settings):
    later = tmp_path / "later"
    shutil.copytree(export, later)  # replaced by the new export (--replace)
    settings.MEDIA_ROOT = tmp_path / "media"
    summit = Summit.objects.get(slug="2014-london")
    picture = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (11, 61, 107)).save(picture, "PNG")
    summit.image = get_image_model().objects.create(
        title="London", file=ImageFile(picture, name="london.png")
    )
    summit.image_alt = "Ministers in London"
    summit.save()
    document = Document.objects.create(
        slug="dn-archive-declaration-2025",
        title="Digital Nations Archive Declaration",
        type="declaration",
        date="2025-05-01",
    )
    DocumentVersion.objects.create(
        document=document,
        number=1,
        title=document.title,
        date=datetime.date(2025, 5, 1),
        text="We keep our record.\n",
    )
    ContentClock.touch()  # as the commit would: nothing kept for the old content is used
    cache.clear()
    export_site(later, "--replace")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".later.")]

    out = io.StringIO()
    call_command("verify_export", str(export), "--against", str(later), stdout=out)
    report = out.getvalue()
    added = report.split("Added (", 1)[1].split("\nRemoved", 1)[0].split("\nChanged", 1)[0]
    for address in [
        "/documents/dn-archive-declaration-2025/",
        "/fr/documents/dn-archive-declaration-2025/",
        "/documents/dn-archive-declaration-2025/versions/1/",
        "/documents/dn-archive-declaration-2025.pdf",
        "/api/v1/documents/dn-archive-declaration-2025",
    ]:
        assert f"\n  {address}\n" in added + "\n", address
    assert "\n  /media/images/" in added  # the summit's picture, as its page shows it
    pictures = [
        link
        for link, found in internal_links(later, later / "fr/summits/2014-london/index.html")
        if "media/images/" in link and found
    ]
    assert pictures
    changed = report.split("Changed (", 1)[1]
    assert "\n  /summits/2014-london/\n" in changed
    assert "\n  /documents/\n" in changed
    assert "\n  /data/documents.csv\n" in changed
    assert "\n  /members/ee/\n" not in changed


# Failures


class FailOn:
    """A middleware that breaks one page, as a bug in a view would."""

    path = "/about/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == self.path:
            raise RuntimeError("the About page broke")
        return self.get_response(request)


def test_a_failing_page_stops_the_export_naming_it_and_leaves_the_folder_as_it_was(
    settings, tmp_path
):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.FailOn"]
    target = tmp_path / "site"
    target.mkdir()
    (target / manifest.NAME).write_text('{"manifest": 1, "files": []}')
    (target / "kept.txt").write_text("an earlier export")
    with pytest.raises(CommandError) as failure:
        export_site(target, "--replace", "--warc", str(tmp_path / "site.warc.gz"))
    message = str(failure.value)
    assert "/about/" in message and "500" in message and "the About page broke" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no WARC, not even part
    assert sorted(p.name for p in target.iterdir()) == ["kept.txt", manifest.NAME]
    assert (target / "kept.txt").read_text() == "an earlier export"


def test_the_export_refuses_a_folder_that_is_not_an_earlier_export(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        export_site(tmp_path)
    with pytest.raises(CommandError, match="only an earlier export is replaced"):
        export_site(tmp_path, "--replace")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


# Addresses and pages, one by one


@pytest.mark.parametrize(
    ("address", "file"),
    [
        ("/", "index.html"),
        ("/fr/", "fr/index.html"),
        ("/documents/", "documents/index.html"),
        ("/he/documents/dn-charter/versions/2/", "he/documents/dn-charter/versions/2/index.html"),
        ("/documents/?page=2", "documents/index-page-2.html"),
        (
            "/documents/dn-charter/compare/?from=1&to=2",
            "documents/dn-charter/compare/index-from-1-to-2.html",
        ),
        ("/documents/dn-charter.pdf", "documents/dn-charter.pdf"),
        ("/documents/dn-charter/versions/5.txt", "documents/dn-charter/versions/5.txt"),
        ("/feeds/news/", "feeds/news/index.xml"),
        ("/api/v1/members/ee", "api/v1/members/ee.json"),
        ("/api/v1/members/", "api/v1/members/index.json"),
        ("/api/", "api/index.json"),
        ("/data/members.csv", "data/members.csv"),
        ("/static/css/site.css", "static/css/site.css"),
        ("/search/", "search/index.html"),
        ("/ko/search/", "ko/search/index.html"),
        ("/documents/?type=charter", None),
        ("/documents/?page=2&type=charter", None),
        ("/search/?q=charter", None),
        ("/accounts/sign-in/", None),
        ("/fr/alerts/subscribe/?list=documents", None),
        ("/workspace/directory/me/data.json", None),
        ("/cms/", None),
        ("/contact/send/", None),
        ("/sitemap.xml", None),
        ("/healthz", None),
        ("/documents/../../etc/passwd", None),
    ],
)
def test_each_address_has_its_file_or_none(address, file):
    path, _mark, query = address.partition("?")
    assert Addresses(SITE).file_for(path, query) == file


def test_relative_links_name_the_file():
    assert relative_link("fr/documents/index.html", "fr/members/ee/index.html") == (
        "../members/ee/index.html"
    )
    assert relative_link("index.html", "documents/index.html", "latest") == (
        "documents/index.html#latest"
    )
    assert relative_link("documents/x/index.html", "documents/x/index.html") == "index.html"


def test_a_page_loses_the_links_and_forms_that_need_a_server():
    page = (
        "<!DOCTYPE html><html><head><title>T</title>"
        '<link rel="stylesheet" href="/static/css/site.css"></head><body>'
        '<ul><li><a href="/accounts/sign-in/">Sign in</a></li><li><a href="/cms/">CMS</a></li></ul>'
        '<ul><li><a href="/about/">About</a></li>'
        '<li><a href="/accounts/sign-in/">Sign in</a></li></ul>'
        '<p>Read <a href="/documents/?type=charter">the charters</a> or '
        '<a href="?page=2" rel="next">more</a>.</p>'
        f'<p><a href="{SITE}/fr/members/">Membres</a> <a href="https://example.org/x">Source</a></p>'
        '<img src="/media/images/x.png" '
        'srcset="/media/images/x.png 1x, /media/images/y.png 2x" alt="">'
        '<form method="get" action="/documents/"><input name="q"><button>Go</button></form>'
        '<p>Here <iframe src="/cms/" title="CMS"></iframe>.</p>'
        "</body></html>"
    )
    notes = []

    def note(kind, file):
        notes.append((kind, file))
        return f"<p>NOTE {kind}</p>"

    text, links = edit_page(
        page, addresses=Addresses(SITE), notes=note, page="/documents/", file="documents/index.html"
    )
    assert text == (
        "<!DOCTYPE html><html><head><title>T</title>"
        '<link rel="stylesheet" href="../static/css/site.css">'
        f'<link rel="canonical" href="{SITE}/documents/">\n  </head><body>'
        '<ul><li><a href="../about/index.html">About</a></li></ul>'
        '<p>Read the charters or <a href="index-page-2.html" rel="next">more</a>.</p>'
        '<p><a href="../fr/members/index.html">Membres</a> <a href="https://example.org/x">Source</a></p>'
        '<img src="../media/images/x.png" '
        'srcset="../media/images/x.png 1x, ../media/images/y.png 2x" alt="">'
        "<p>NOTE filters</p>"
        "<p>Here .</p>"
        "</body></html>"
    )
    assert notes == [("filters", "documents/index.html")]
    assert {link.file for link in links} == {
        "static/css/site.css",
        "about/index.html",
        "documents/index-page-2.html",
        "fr/members/index.html",
        "media/images/x.png",
        "media/images/y.png",
    }


# In a browser


@pytest.mark.browser
@pytest.mark.skipif(not shutil.which(CHROMIUM), reason="needs Chromium (make browser-deps)")
def test_the_export_opens_from_a_file_with_its_styles(export):
    """The home page from file://, styled by the exported stylesheet; a click on the menu
    opens the documents, in Hebrew as well."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic"]
        )
        try:
            page = browser.new_page()
            requests = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto((export / "index.html").as_uri())
            header = page.locator(".site-header")
            assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(11, 61, 107)"
            page.locator(".site-nav a").nth(4).click()
            assert page.url == (export / "documents/index.html").as_uri()
            assert page.locator(".archive-note").count() == 1
            page.goto((export / "he/documents/dn-charter/index.html").as_uri())
            assert page.locator("html").get_attribute("dir") == "rtl"
            assert (
                page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
                == "rgb(11, 61, 107)"
            )
            assert all(url.startswith("file://") for url in requests), requests
        finally:
            browser.close()


def test_the_export_as_a_warc_file_holds_each_answer_as_the_site_gave_it(exported):
    """--warc: a warcinfo record, then one response a page, PDF, feed, API answer and
    static file, under its original address, as served (links not made relative); the
    manifest names the file with its SHA-256."""
    from warcio.archiveiterator import ArchiveIterator

    folder, out, _err = exported
    warc = folder.parent / "site.warc.gz"
    facts, entries = manifest.read(folder)
    assert facts["warc"]["file"] == "site.warc.gz"
    assert facts["warc"]["sha256"] == manifest.file_sha256(warc)
    assert f"WARC: {warc}, {facts['warc']['records']:,} records." in out
    served = {entry.url for entry in entries if not entry.path.endswith(".html")}
    pages = {}
    kinds = []
    with warc.open("rb") as handle:
        for record in ArchiveIterator(handle):
            kinds.append(record.rec_type)
            if record.rec_type != "response":
                continue
            assert record.http_headers.get_statuscode() == "200"
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            if url.endswith("/documents/dn-charter/") or url.endswith(".pdf"):
                pages[url.removeprefix(SITE)] = (record.http_headers, body)
            served.discard(url.removeprefix(SITE))
    assert kinds == ["warcinfo"] + ["response"] * facts["warc"]["records"]
    assert served == set()  # every file the site served is in it
    headers, body = pages["/documents/dn-charter/"]
    assert headers.get_header("Content-Type").startswith("text/html")
    assert b'href="/members/ee/"' in body  # the site's own link, not the archive's
    headers, body = pages["/documents/dn-charter.pdf"]
    assert headers.get_header("Content-Type") == "application/pdf" and body.startswith(b"%PDF")
