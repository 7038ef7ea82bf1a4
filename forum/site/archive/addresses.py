"""Which public address becomes which file of the archive, and how files link each other.

A page at a directory address is that directory's `index.html` (/documents/ →
documents/index.html, /fr/documents/x/ → fr/documents/x/index.html). The pages of a list
after the first and the comparison of two versions keep their query in the file's name
(/documents/?page=2 → documents/index-page-2.html, …/compare/?from=1&to=2 →
…/compare/index-from-1-to-2.html): a slug cannot hold a dot, so no page's folder is ever
named like them. Feeds and JSON answers at a directory address are `index.xml` and
`index.json`; an API record (/api/v1/members/ee) is `ee.json`; a document's attachment
keeps its file's name; a file address (.pdf, .txt, .csv, static files) keeps its path.

Every other address has no file: the back office, the workspace, sign-in, alerts, the
contact form's addresses, searches, filtered or sorted lists. Links to them are taken out
of the exported pages (forum.site.archive.pages).
"""

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import Resolver404, resolve
from django.utils import translation

from forum.core.i18n import split_language
from forum.documents.models import DocumentAttachment

#: Namespaces and URL names whose addresses need a server, or are not for readers.
UNARCHIVED_NAMESPACES = {"accounts", "alerts", "workspace", "contact", "wagtailadmin"}
UNARCHIVED_NAMES = {"healthz", "readyz", "sitemap", "robots", "not-found"}
UNARCHIVED_PREFIXES = ("/cms/", "/workspace/", "/accounts/", "/alerts/")
#: The site search has no server to answer it: its address is the index of every page.
SEARCH_NAMESPACE = "search"
_DIGITS = re.compile(r"^[0-9]{1,9}$")
_MEMO_SIZE = 5_000


class Addresses:
    """The archive's files for the addresses of one site (`base_url`, "https://host")."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.scheme = parts.scheme or "http"
        self.netloc = parts.netloc
        self.base = f"{self.scheme}://{self.netloc}"
        self._memo: dict[tuple[str, str], str | None] = {}

    def original(self, address: str) -> str:
        """The absolute address a path had on the site: "https://host/documents/"."""
        return self.base + address

    def split(self, value: str, page: str):
        """A link as written in the page at `page` → (path, query, fragment) when it points
        into this site, None when it points elsewhere (another host, mailto:)."""
        parts = urlsplit(urljoin(self.base + page, value.strip()))
        if parts.scheme not in ("http", "https") or parts.netloc != self.netloc:
            return None
        return parts.path or "/", parts.query, parts.fragment

    def file_for(self, path: str, query: str = "") -> str | None:
        """The archive's file for an address of this site, or None if it has none."""
        key = (path, query)
        if key not in self._memo:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = self._file_for(path, query)
        return self._memo[key]

    def _file_for(self, path: str, query: str) -> str | None:
        name = unquote(path)
        segments = name.split("/")
        if not name.startswith("/") or any(s in (".", "..") for s in segments[1:-1]):
            return None
        if any(s == "" for s in segments[1:-1]) or segments[-1] in (".", ".."):
            return None
        relative = name.lstrip("/")
        if name.startswith(settings.STATIC_URL):
            return relative if not query and not name.endswith("/") else None
        if name.startswith(settings.MEDIA_URL):
            return self._media(name, relative, query)
        language, rest = split_language(name)
        if rest.startswith(UNARCHIVED_PREFIXES):
            return None
        try:
            with translation.override(language):
                match = resolve(name)
        except Resolver404:
            return None
        namespace = match.namespaces[0] if match.namespaces else ""
        if namespace in UNARCHIVED_NAMESPACES or match.url_name in UNARCHIVED_NAMES:
            return None
        if namespace == SEARCH_NAMESPACE:
            return None if query or not name.endswith("/") else relative + "index.html"
        suffix = _query_suffix(match, query)
        if suffix is None:
            return None
        if match.view_name == "documents:attachment":
            filename = self._attachment_name(match.kwargs["slug"], match.kwargs["pk"])
            return relative + filename if filename and not query else None
        json_answer = match.namespace == "api-v1" or match.url_name == "api-root"
        if name.endswith("/"):
            if isinstance(match.func, Feed):
                extension = "xml"
            elif json_answer:
                extension = "json"
            else:
                extension = "html"
            if suffix and extension != "html":
                return None
            return f"{relative}index{suffix}.{extension}"
        if suffix:
            return None
        if "." in segments[-1]:
            return relative
        return relative + ".json" if json_answer else None

    @staticmethod
    def _media(name: str, relative: str, query: str) -> str | None:
        """An uploaded file the site serves itself (an image's rendition, never the
        original): its path."""
        if query or name.endswith("/"):
            return None
        try:
            match = resolve(name)
        except Resolver404:
            return None
        return None if match.url_name in ("wagtail_serve", None) else relative

    def _attachment_name(self, slug: str, pk: int) -> str | None:
        stored = (
            DocumentAttachment.objects.filter(document__slug=slug, pk=pk)
            .values_list("file", flat=True)
            .first()
        )
        return stored.rsplit("/", 1)[-1] if stored else None


def _query_suffix(match, query: str) -> str | None:
    """The part of a file's name that stands for its query: "" for none, "-page-2" for
    a list's second page, "-from-1-to-2" for a comparison; None for any other query."""
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    names = [name for name, _value in pairs]
    if not all(_DIGITS.match(value) for _name, value in pairs):
        return None
    values = dict(pairs)
    if names == ["page"]:
        return f"-page-{int(values['page'])}"
    if match.view_name == "documents:compare" and sorted(names) == ["from", "to"]:
        return f"-from-{int(values['from'])}-to-{int(values['to'])}"
    return None


def relative_link(source: str, target: str, fragment: str = "") -> str:
    """How the file `source` links to the file `target`, both relative to the archive's
    root: "../members/ee/index.html#signed"."""
    start = posixpath.dirname(source) or "."
    link = quote(posixpath.relpath(target, start), safe="/-._~!$'()*+,;=:@")
    return f"{link}#{fragment}" if fragment else link
