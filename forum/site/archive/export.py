"""The export: every public address, in every language, through the site's own views.

The addresses come from the sitemap (forum/site/sitemaps.py), read one record at a time,
language after language; what each page links to that the sitemap does not list comes
with it: the lists' further pages, comparisons of versions, PDFs, plain texts,
attachments, feeds, the open data's files, the stylesheet and pictures. Then the read
API: its index, its OpenAPI description, each collection's first page and every record.
Each request goes through the whole handler (Django's test client, in this process), with
the page cache and the API's rate limit off, so the export takes nothing from the live
site's cache and is what a visitor would get.

Nothing grows with the site in memory: records are read with iterator(), the manifest's
entries are spooled to a file, and the files written are what tells whether an address
was exported already. A link to a page that is not exported yet is noted in a spool file
and checked once every sitemap page is written (the sitemap lists nearly all of them).

Everything is written to a temporary folder beside the target, renamed into place once
complete: a failure leaves the target as it was, and says which address failed.
"""

import hashlib
import json
import mimetypes
import os
import re
import shutil
import subprocess
import tempfile
import time
import tomllib
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from forum.core.i18n import localise_path, split_language
from forum.core.models import ContentClock
from forum.core.translation import reading_in
from forum.site.sitemaps import SITEMAPS

from . import manifest
from .addresses import Addresses, relative_link
from .pages import Link, edit_page
from .warc import WarcFile

#: Sitemap sections whose pages the index of every page leaves out (the menu has them).
NOT_INDEXED = {"lists"}
DEFERRED = ".deferred"
INDEX_MARK = "<!-- archive-index -->"
_MAIN = re.compile(r"(<main\b[^>]*>)(.*)(</main>)", re.DOTALL)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
API_ROOTS = ("/api/", "/api/v1/", "/api/v1/openapi.json")
API_PAGE = 100


class ExportError(Exception):
    """An address that could not be exported, and why."""

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass
class Summary:
    target: Path
    files: int
    bytes: int
    pages: int
    seconds: float
    content_version: str
    content_changed: bool
    warc: str = ""  # "site.warc.gz, 2,310 records"

    def __str__(self):
        rate = self.files / self.seconds if self.seconds else 0
        text = (
            f"Exported {self.pages} pages of the sitemap, {self.files} files, "
            f"{self.bytes / 1e6:.1f} MB, to {self.target} in {self.seconds:.1f} s "
            f"({rate:.0f} files/s). Content version {self.content_version}."
        )
        if self.warc:
            text += f" WARC: {self.warc}."
        if self.content_changed:
            text += (
                " The content changed while it ran: some pages may show the earlier"
                " content. Run it again for a copy of one moment."
            )
        return text


def code_version() -> str:
    """`git describe` of the checkout, or the project's version where git is not there."""
    git = shutil.which("git")
    if git:
        try:
            described = subprocess.run(  # noqa: S603 (fixed arguments)
                [git, "describe", "--always", "--tags", "--dirty"],
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            described = None
        if described and described.returncode == 0 and described.stdout.strip():
            return described.stdout.strip()
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"


def sitemap_sections():
    """(name, sitemap) for each section of the sitemap."""
    for name, sitemap in SITEMAPS.items():
        yield name, sitemap() if isinstance(sitemap, type) else sitemap


def _items(sitemap) -> Iterable:
    items = sitemap.items()
    if isinstance(items, QuerySet):
        return items.iterator(chunk_size=500)
    return items


def _count(sitemap) -> int:
    items = sitemap.items()
    return items.count() if isinstance(items, QuerySet) else len(items)


class Exporter:
    """Export the public site to `target`: `Exporter(target, ...).run()` → Summary.

    `progress(line)` is told how far it got every `every` seconds."""

    def __init__(
        self,
        target: Path,
        *,
        base_url: str = "",
        replace: bool = False,
        progress: Callable[[str], None] | None = None,
        every: float = 2.0,
        warc: Path | None = None,
    ):
        self.target = Path(target).absolute()
        self.base_url = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        self.addresses = Addresses(self.base_url)
        self.replace = replace
        self.progress = progress or (lambda line: None)
        self.every = every
        self.languages = [code for code, _name in settings.LANGUAGES]
        self._notes: dict = {}
        #: Where to write the export as a WARC file too, if anywhere (archive/warc.py).
        self.warc_path = Path(warc).absolute() if warc else None
        self.warc = None

    # The run

    def run(self) -> Summary:
        self._check_target()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(
            tempfile.mkdtemp(
                prefix=f".{self.target.name}.", suffix=".partial", dir=self.target.parent
            )
        )
        self.manifest = manifest.ManifestWriter(self.folder)
        self.started = time.monotonic()
        self.last_report = self.started
        self.pages = 0
        self.total = 0
        try:
            with self._site(), self._snapshot():
                version = ContentClock.version()
                exported_at = timezone.now()
                facts = {
                    "generator": "Digital Nations export_site",
                    "exported_at": exported_at.isoformat(timespec="seconds"),
                    "code_version": code_version(),
                    "content_version": version,
                    "site": self.base_url,
                    "languages": self.languages,
                }
                self._open_warc(facts)
                self._export_everything()
                facts["content_changed_during_export"] = ContentClock.version() != version
                changed = facts["content_changed_during_export"]
            if self.warc is not None:
                facts["warc"] = {
                    "file": self.warc_path.name,
                    "records": self.warc.records,
                    "sha256": self.warc.close(),
                }
            self.manifest.finish(facts)
            self._move_into_place()
            if self.warc is not None:
                os.replace(self.warc.path, self.warc_path)
        except BaseException:
            self.manifest.abandon()
            shutil.rmtree(self.folder, ignore_errors=True)
            if self.warc is not None:
                self.warc.abandon()
            raise
        seconds = time.monotonic() - self.started
        self._report(force=True)
        return Summary(
            self.target,
            self.manifest.count,
            self.manifest.bytes,
            self.pages,
            seconds,
            version,
            changed,
            f"{self.warc_path}, {self.warc.records:,} records" if self.warc else "",
        )

    def _open_warc(self, facts: dict):
        if self.warc_path is None:
            return
        self.warc_path.parent.mkdir(parents=True, exist_ok=True)
        partial = tempfile.mkstemp(
            prefix=f".{self.warc_path.name}.", suffix=".partial", dir=self.warc_path.parent
        )
        os.close(partial[0])
        os.unlink(partial[1])
        info = {"software": facts["generator"], "format": "WARC File Format 1.1"}
        info.update({name: str(facts[name]) for name in ("exported_at", "content_version")})
        self.warc = WarcFile(Path(partial[1]), {**info, "isPartOf": self.base_url})

    def _archive(self, address: str, body: bytes, content_type: str):
        """The answer as the site gave it, in the WARC file if one is written."""
        if self.warc is not None:
            self.warc.add(self.base_url + address, body, content_type)

    def _check_target(self):
        if self.warc_path is not None and self.warc_path.exists() and not self.replace:
            raise ExportError(
                str(self.warc_path), "the WARC file exists: choose another, or pass --replace"
            )
        if self.target.exists() and not self.target.is_dir():
            raise ExportError(str(self.target), "is a file, not a folder")
        if self.target.is_dir() and any(self.target.iterdir()):
            if not self.replace:
                raise ExportError(
                    str(self.target),
                    "the folder is not empty: choose another, or pass --replace to replace "
                    "an earlier export",
                )
            if not (self.target / manifest.NAME).is_file():
                raise ExportError(
                    str(self.target),
                    f"the folder holds no {manifest.NAME}: only an earlier export is replaced",
                )

    def _beside_target(self, suffix: str) -> Path:
        """A new folder in the target's, named after it and hidden: ".site.x1y2.partial"."""
        return Path(
            tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=suffix, dir=self.target.parent)
        )

    def _move_into_place(self):
        old = None
        if self.target.exists():
            old = Path(
                tempfile.mkdtemp(
                    prefix=f".{self.target.name}.", suffix=".old", dir=self.target.parent
                )
            )
            os.rmdir(old)
            os.rename(self.target, old)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(self.folder, 0o777 & ~mask)  # mkdtemp's folder is its owner's alone
        os.rename(self.folder, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def _site(self):
        host = urlsplit(self.base_url).hostname or "localhost"
        self.client = Client(raise_request_exception=False, HTTP_HOST=self.addresses.netloc)
        self.secure = self.addresses.scheme == "https"
        return override_settings(
            PAGE_CACHE_SECONDS=0,  # neither read nor fill the page cache
            API_RATE_LIMIT=0,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, host],
        )

    @staticmethod
    def _snapshot():
        """On PostgreSQL, one snapshot of the database for the whole export (as backup
        does); SQLite has none to offer without holding up writers, so a change during
        the export is told instead (Summary.content_changed)."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return _Nothing()
        return _RepeatableRead()

    def _export_everything(self):
        sections = list(sitemap_sections())
        self.total = sum(_count(sitemap) for _name, sitemap in sections) * len(self.languages)
        self.deferred = (self.folder / DEFERRED).open("w", encoding="utf-8")
        try:
            for language in self.languages:
                self._export_index(language, sections)
                for _name, sitemap in sections:
                    for item in _items(sitemap):
                        with translation.override(language):
                            address = sitemap.location(item)
                        self._export(address, seeded=True)
                        self.pages += 1
                        self._report(address)
            self._export_api()
            self._export_deferred()
        finally:
            self.deferred.close()
            (self.folder / DEFERRED).unlink(missing_ok=True)

    # One address and what it needs

    def _export(self, address: str, *, seeded: bool = False):
        """Export the address and, at once, the files it links to that no sitemap page is
        (further pages of a list, PDFs, feeds, pictures…)."""
        path, _mark, query = address.partition("?")
        file = self.addresses.file_for(path, query)
        if file is None:
            raise ExportError(address, "the archive has no file for this address")
        pending = deque([(path, query, file, seeded)])  # first in, first out: a list's
        while pending:  # pages one after the other, each page's files before the next
            path, query, file, seeded = pending.popleft()
            if (self.folder / file).exists():
                continue
            for link in self._export_one(path, query, file):
                if (self.folder / link.file).exists():
                    continue
                if link.query or not link.file.endswith(".html"):
                    pending.append((link.path, link.query, link.file, False))
                elif not (seeded and self._same_page(link.path, path)):
                    self.deferred.write(f"{link.path}\t{link.file}\t{path}\n")

    @staticmethod
    def _same_page(one: str, other: str) -> bool:
        """The same address in another language: the sitemap lists it too."""
        return split_language(one)[1] == split_language(other)[1]

    def _export_one(self, path: str, query: str, file: str) -> list:
        address = f"{path}?{query}" if query else path
        if path.startswith(settings.STATIC_URL):
            return self._export_static(path, file)
        response = self.client.get(address, secure=self.secure)
        if response.status_code != 200:
            raise ExportError(address, _failure(response))
        content_type = response.get("Content-Type", "")
        # The test client has closed the response as a server would (a streaming one once
        # read): closing it again would end the request twice, and the second end closes
        # an aged database connection inside the export's snapshot.
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if file.endswith(".html") != content_type.startswith("text/html"):
            raise ExportError(address, f"answered {content_type!r}, not what {file} is for")
        self._archive(address, body, content_type)
        if not file.endswith(".html"):
            self._write(file, address, body, content_type)
            return []
        text, links = self._edit(body.decode(response.charset or "utf-8"), address, file)
        self._write(file, address, text.encode("utf-8"), content_type)
        return links

    def _edit(self, text: str, address: str, file: str):
        language, _rest = split_language(address)
        return edit_page(
            text,
            addresses=self.addresses,
            notes=lambda kind, page_file: self._note(kind, page_file, language),
            page=address,
            file=file,
        )

    def _note(self, kind: str, page_file: str, language: str) -> str:
        index = relative_link(page_file, self._index_file(language))
        key = (kind, language, index)
        if key not in self._notes:
            with translation.override(language):
                self._notes[key] = render_to_string(
                    "site/archive/note.html", {"kind": kind, "index": index}
                )
        return self._notes[key]

    def _index_file(self, language: str) -> str:
        with translation.override(language):
            return self.addresses.file_for(localise_path("/search/", language))

    def _export_static(self, path: str, file: str) -> list:
        name = unquote(path[len(settings.STATIC_URL) :])
        collected = Path(settings.STATIC_ROOT) / name
        found = collected if collected.is_file() else finders.find(name)
        if not found:
            raise ExportError(path, "the static file is missing: run collectstatic")
        body = Path(found).read_bytes()
        self._archive(path, body, mimetypes.guess_type(file)[0] or "")
        links = []
        if name.endswith(".css"):
            body, links = self._edit_css(body.decode("utf-8"), path, file)
            body = body.encode("utf-8")
        self._write(file, path, body, mimetypes.guess_type(file)[0] or "")
        return links

    def _edit_css(self, text: str, path: str, file: str):
        """Addresses in a stylesheet, relative to it; what they name is exported too."""
        links = []

        def relative(match):
            value = match.group(2).strip()
            if value.startswith(("data:", "#")):
                return match.group(0)
            parts = self.addresses.split(value, path)
            target = self.addresses.file_for(parts[0], parts[1]) if parts else None
            if target is None:
                return match.group(0)
            links.append(Link(parts[0], parts[1], target))
            return f'url("{relative_link(file, target, parts[2])}")'

        return _CSS_URL.sub(relative, text), links

    def _write(self, file: str, address: str, body: bytes, content_type: str):
        self._write_chunks(file, address, [body], content_type)

    def _write_chunks(self, file: str, address: str, chunks: Iterable[bytes], content_type: str):
        path = self.folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with path.open("xb") as handle:
            for chunk in chunks:
                handle.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                self._report(address)
        self.manifest.add(manifest.Entry(file, address, size, digest.hexdigest(), content_type))
        self._report(address)

    # The index of every page, in place of the search

    def _export_index(self, language: str, sections):
        """/search/ in `language`: the search page's frame with, in place of the search,
        every record's title and link, by kind (the site has no server to search with)."""
        address = localise_path("/search/", language)
        file = self._index_file(language)
        response = self.client.get(address, secure=self.secure)
        if response.status_code != 200:
            raise ExportError(address, _failure(response))
        with translation.override(language):
            heading = render_to_string("site/archive/index.html")
            title = "<title>{} – {}</title>".format(
                escape(translation.gettext("Index of every page")),
                escape(translation.gettext("Digital Nations")),
            )
        page = response.content.decode(response.charset or "utf-8")
        page = _TITLE.sub(lambda m: title, page, count=1)
        page = _MAIN.sub(lambda m: f"{m[1]}{heading}{INDEX_MARK}\n    {m[3]}", page, count=1)
        text, links = self._edit(page, address, file)
        before, _mark, after = text.partition(INDEX_MARK)
        for link in links:
            if (self.folder / link.file).exists():
                continue
            if link.file.endswith(".html") and not link.query:
                self.deferred.write(f"{link.path}\t{link.file}\t{address}\n")
            else:
                self._export(f"{link.path}?{link.query}" if link.query else link.path)

        def chunks():
            yield before.encode("utf-8")
            for name, sitemap in sections:
                if name in NOT_INDEXED:
                    continue
                yield from self._index_section(sitemap, language, file)
            yield after.encode("utf-8")

        self._write_chunks(file, address, chunks(), response.get("Content-Type", ""))

    def _index_section(self, sitemap, language: str, file: str):
        """One kind of record in the index: a heading, then a list of links, written a few
        hundred at a time."""
        model = getattr(sitemap.items(), "model", None)
        with translation.override(language):
            heading = capfirst(model._meta.verbose_name_plural) if model else _("Pages")
            reading = reading_in(language) if language != settings.LANGUAGE_CODE else _Nothing()
            lines = []
            started = False
            with reading:
                for item in _items(sitemap):
                    path, _mark, query = sitemap.location(item).partition("?")
                    target = self.addresses.file_for(path, query)
                    if target is None:
                        continue
                    link = escape(relative_link(file, target))
                    title = str(getattr(item, "specific", item))  # a Wagtail page's own type
                    lines.append(f'        <li><a href="{link}">{escape(title)}</a></li>\n')
                    if len(lines) >= 500 or not started:
                        if not started:
                            lines.insert(0, f"      <h2>{escape(heading)}</h2>\n      <ul>\n")
                            started = True
                        yield "".join(lines).encode("utf-8")
                        lines = []
            if started:
                lines.append("      </ul>\n")
                yield "".join(lines).encode("utf-8")

    # The read API

    def _export_api(self):
        for address in API_ROOTS:
            self._export(address)
        schema = json.loads((self.folder / self.addresses.file_for(API_ROOTS[-1])).read_bytes())
        paths = list(schema.get("paths", {}))
        for collection in paths:
            if "{" in collection or collection in API_ROOTS:
                continue
            self._export(collection)
            details = [
                p
                for p in paths
                if p.startswith(collection)
                and p[len(collection) :].startswith("{")
                and p.endswith("}")
                and "/" not in p[len(collection) :]
            ]
            if details:
                self._export_records(collection, details[0], schema)

    def _export_records(self, collection: str, detail: str, schema: dict):
        """Every record of a collection: its list read a page at a time, each record's
        own answer exported."""
        parameter = detail[len(collection) + 1 : -1]
        offset = 0
        while True:
            address = f"{collection}?limit={API_PAGE}&offset={offset}"
            response = self.client.get(address, secure=self.secure)
            if response.status_code != 200:
                raise ExportError(address, _failure(response))
            answer = response.json()
            for record in answer.get("results", []):
                key = _record_key(record, parameter)
                if key is None:
                    raise ExportError(address, f"a record has no {parameter}")
                self._export(collection + quote(key, safe=""))
            results = len(answer.get("results", []))
            if not answer.get("next") or not results:
                return
            offset += results

    def _export_deferred(self):
        """The pages linked to that were not written when the link was seen: most are
        by now; the others are exported here (a page the sitemap does not list)."""
        rounds = 0
        while True:
            self.deferred.close()
            spool = self.folder / DEFERRED
            waiting = self.folder / f"{DEFERRED}.{rounds}"
            os.rename(spool, waiting)
            self.deferred = spool.open("w", encoding="utf-8")
            exported = 0
            with waiting.open(encoding="utf-8") as lines:
                for line in lines:
                    path, file, _referrer = line.rstrip("\n").split("\t")
                    if (self.folder / file).exists():
                        continue
                    self._export(path)
                    exported += 1
            waiting.unlink()
            rounds += 1
            if not exported:
                return

    # Progress

    def _report(self, address: str = "", *, force: bool = False):
        """pages of the sitemap done / all of them, files written, and the rates; with the
        address being written (a list's further pages come with the list's own)."""
        now = time.monotonic()
        if not force and now - self.last_report < self.every:
            return
        self.last_report = now
        seconds = max(now - self.started, 1e-6)
        count = self.manifest.count
        line = (
            f"pages {self.pages}/{self.total} · files {count} · "
            f"{self.manifest.bytes / 1e6:.1f} MB · {self.pages / seconds:.0f} pages/s, "
            f"{count / seconds:.0f} files/s"
        )
        self.progress(f"{line} · {address}" if address else line)


def _record_key(record: dict, parameter: str) -> str | None:
    """How the API names a record in its address: its slug, or for a member its ISO
    code in lower case (/api/v1/members/ee)."""
    for name in (parameter, "slug"):
        if record.get(name) not in (None, ""):
            return str(record[name])
    if record.get("iso_code"):
        return str(record["iso_code"]).lower()
    return None


def _failure(response) -> str:
    reason = f"answered {response.status_code}"
    if response.status_code in (301, 302, 303, 307, 308):
        reason += f" (to {response.get('Location', '?')})"
    exc_info = getattr(response, "exc_info", None)
    if exc_info and exc_info[1] is not None:
        reason += f" ({type(exc_info[1]).__name__}: {exc_info[1]})"
    return reason


class _Nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


class _RepeatableRead:
    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")

    def __exit__(self, *exc):
        return self.atomic.__exit__(*exc)
