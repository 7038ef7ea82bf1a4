"""What changes in an exported HTML page, and nothing else: the page is edited in place,
byte for byte as the site sent it but for these edits.

- Every link into the site (href, src, srcset, action, poster, data) becomes relative to
  the page's own file and names the file (`../members/ee/index.html`), so that the
  archive opens from file:// and from any folder of any static host.
- A link to an address that has no file (sign-in, alerts, the back office, a filtered
  list) is taken out: the list item or paragraph that held only it goes, otherwise its
  words stay without the link. A `<link>` or picture to such an address goes.
- A form needs a server: it is replaced by a short note in the page's language
  (site/archive/note.html); the header's search box becomes a link to the archive's index
  of every page.
- The page keeps its original address as metadata: a `<link rel="canonical">` to it is
  added where the page has none. Absolute links to the site in other attributes
  (the hreflang alternates) become relative like the rest.
"""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.urls import Resolver404, resolve
from django.utils import translation

from forum.core.i18n import split_language

from .addresses import Addresses, relative_link

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "poster", "data", "xlink:href"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
#: Elements that go when all they held was taken out (a list of links to sign-in pages).
EMPTIED_GO = {"li", "p", "ul", "ol", "dd", "dt", "dl"}
#: The note for a form, by the namespace of the address it is sent to.
FORM_KINDS = {"search": "search", "alerts": "alerts", "accounts": "sign-in", "contact": "contact"}
_ATTRIBUTE = re.compile(
    r"""(?P<space>\s+)(?P<name>[^\s"'>/=]+)(?:(?P<equals>\s*=\s*)(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
)
_TAG_NAME = re.compile(r"<[^\s/>]+")


@dataclass(frozen=True)
class Link:
    """An address of the site that the page links to, and the archive's file for it."""

    path: str
    query: str
    file: str


@dataclass
class _Element:
    tag: str
    start: int
    start_end: int
    form: str = ""  # the note that replaces it, for a form
    drop: bool = False  # a link to an address without a file: its words stay
    gone: bool = False  # anything else that needs such an address: it goes
    children: int = 0
    text: bool = False
    removed: int = 0
    dropped_links: list = field(default_factory=list)


class PageEditor(HTMLParser):
    """Edits one page: `PageEditor(addresses, notes, page, file).edit(text)` → (text,
    links). `notes(kind, file)` gives the HTML that replaces a form, `kind` being one of
    search-box, search, filters, alerts, sign-in, contact, compare and form."""

    def __init__(self, addresses: Addresses, notes, page: str, file: str):
        super().__init__(convert_charrefs=True)
        self.addresses = addresses
        self.notes = notes
        self.page = page
        self.file = file
        self.links: list[Link] = []
        self.edits: list[tuple[int, int, str]] = []
        self.stack: list[_Element] = [_Element("#document", 0, 0)]
        self.in_form = 0
        self.canonical = False

    # Reading

    def edit(self, text: str) -> tuple[str, list[Link]]:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.feed(text)
        self.close()
        while len(self.stack) > 1:
            self._close(self.stack[-1], len(text), len(text))
        self._unwrap(self.stack[0])
        return self._apply(), self.links

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, void=tag in VOID)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, void=True)

    def handle_endtag(self, tag):
        start = self._offset()
        end = self.text.find(">", start) + 1 or len(self.text)
        if not any(element.tag == tag for element in self.stack[1:]):
            return
        while self.stack[-1].tag != tag:
            self._close(self.stack[-1], start, start)
        self._close(self.stack[-1], start, end)

    def handle_data(self, data):
        if data.strip():
            self.stack[-1].text = True

    # Start tags

    def _start(self, tag, attrs, *, void):
        raw = self.get_starttag_text()
        start = self._offset()
        end = start + len(raw)
        if tag == "li" and self.stack[-1].tag == "li":  # an implied </li>
            self._close(self.stack[-1], start, start)
        attributes = dict(attrs)
        element = _Element(tag, start, end)
        if tag == "form" and not self.in_form:
            element.form = self._form_kind(attributes)
        elif not self.in_form:
            if tag == "link" and "canonical" in (attributes.get("rel") or "").split():
                self.canonical = True
            else:
                kept = self._rewrite(raw, start, end)
                if not kept:
                    if tag == "a":
                        element.drop = True
                    elif void:
                        self.edits.append((start, end, ""))
                        self.stack[-1].removed += 1
                        return
                    else:
                        element.gone = True
        if void:
            self.stack[-1].children += 1
            return
        if tag == "form":
            self.in_form += 1
        self.stack.append(element)

    def _rewrite(self, raw: str, start: int, end: int) -> bool:
        """Rewrite the URL attributes of a start tag; False if one points to an address of
        the site that has no file (the element is then taken out)."""
        kept = True
        pieces = []
        cursor = _TAG_NAME.match(raw).end()
        pieces.append(raw[:cursor])
        changed = False
        for match in _ATTRIBUTE.finditer(raw, cursor):
            name = match["name"].lower()
            if name not in URL_ATTRIBUTES or match["value"] is None:
                continue
            value = html.unescape(match["value"].strip("\"'"))
            new = self._srcset(value) if name == "srcset" else self._url(value)
            if new is None:
                kept = False
                continue
            if new == value:
                continue
            pieces.append(raw[cursor : match.start()])
            pieces.append(f'{match["space"]}{match["name"]}="{html.escape(new)}"')
            cursor = match.end()
            changed = True
        if changed and kept:
            pieces.append(raw[cursor:])
            self.edits.append((start, end, "".join(pieces)))
        return kept

    def _url(self, value: str) -> str | None:
        """The link as the archive writes it; the value itself for links elsewhere; None
        for an address of the site without a file."""
        if not value or value.startswith("#"):
            return value
        parts = self.addresses.split(value, self.page)
        if parts is None:
            return value
        path, query, fragment = parts
        target = self.addresses.file_for(path, query)
        if target is None:
            return None
        self.links.append(Link(path, query, target))
        return relative_link(self.file, target, fragment)

    def _srcset(self, value: str) -> str | None:
        candidates = []
        for candidate in value.split(","):
            url, _space, descriptor = candidate.strip().partition(" ")
            new = self._url(url)
            if new is None:
                continue
            candidates.append(f"{new} {descriptor}".strip())
        return ", ".join(candidates) or None

    def _form_kind(self, attributes: dict) -> str:
        if "site-search" in (attributes.get("class") or "").split():
            return "search-box"
        parts = self.addresses.split(attributes.get("action") or "", self.page)
        if parts is None:
            return "form"
        path = parts[0]
        language, _rest = split_language(path)
        try:
            with translation.override(language):
                match = resolve(path)
        except Resolver404:
            return "form"
        namespace = match.namespaces[0] if match.namespaces else ""
        if namespace in FORM_KINDS:
            return FORM_KINDS[namespace]
        if match.view_name == "documents:compare":
            return "compare"
        if (attributes.get("method") or "get").lower() == "get":
            return "filters"
        return "form"

    # End tags

    def _close(self, element: _Element, start: int, end: int):
        self.stack.pop()
        parent = self.stack[-1]
        if element.form:
            self.in_form -= 1
            self.edits.append((element.start, end, self.notes(element.form, self.file)))
            parent.children += 1
            return
        if element.tag == "head" and not self.canonical:
            original = html.escape(self.addresses.original(self.page))
            self.edits.append((start, start, f'<link rel="canonical" href="{original}">\n  '))
        if element.drop:
            parent.dropped_links.append((element.start, element.start_end, start, end))
            return
        emptied = element.removed and not element.children and not element.text
        if element.gone or (element.tag in EMPTIED_GO and (emptied or self._only_dropped(element))):
            self.edits.append((element.start, end, ""))
            parent.removed += 1
            return
        self._unwrap(element)
        parent.children += 1

    @staticmethod
    def _only_dropped(element: _Element) -> bool:
        return bool(element.dropped_links) and not element.children and not element.text

    def _unwrap(self, element: _Element):
        """Links without a file keep their words, without the link."""
        for start, start_end, end_start, end in element.dropped_links:
            self.edits.append((start, start_end, ""))
            self.edits.append((end_start, end, ""))
            element.text = True
        element.dropped_links = []

    # Writing

    def _apply(self) -> str:
        out = []
        cursor = 0
        for start, end, replacement in sorted(self.edits, key=lambda e: (e[0], -e[1])):
            if start < cursor:
                continue  # inside something already taken out
            out.append(self.text[cursor:start])
            out.append(replacement)
            cursor = end
        out.append(self.text[cursor:])
        return "".join(out)


def edit_page(text: str, *, addresses: Addresses, notes, page: str, file: str):
    """The page at address `page` as the archive's `file`: (text, links to the site)."""
    return PageEditor(addresses, notes, page, file).edit(text)
