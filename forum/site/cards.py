"""Link previews: the 1200 × 630 picture a social network or a chat shows for a link to
a page of the site (`og:image`, `twitter:card`), drawn on the server with Pillow.

A card shows the forum's name, what kind of page it is (a key document, a member…), its
title and its date, in the page's language and script: Hebrew right to left (Pillow's
Raqm layout), Korean in a CJK font. What it says comes from the page's own structured
data (its JSON-LD), and travels in the card's address signed with the site's secret
(`django.core.signing`): nobody can have the forum's domain serve a card saying
anything else. The address changes with what the card says, so a card is drawn once and
kept (in the shared cache) for as long as it is asked for, and browsers and networks
may keep it for a year.

Fonts are those the PDFs use (`make pdf-deps`: DejaVu Sans, Noto Sans CJK; Hebrew is in
DejaVu Sans), found with fontconfig for each language; where fontconfig or a font is
missing, Pillow's own font draws the Latin letters and a warning is logged.
"""

import datetime
import functools
import hashlib
import io
import logging
import shutil
import subprocess
import textwrap

from PIL import Image, ImageDraw, ImageFont, features

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

logger = logging.getLogger(__name__)

SIZE = WIDTH, HEIGHT = 1200, 630
MARGIN = 64
SALT = "forum.site.cards"
KEPT = 60 * 60 * 24 * 30  # a month after it was last drawn

BRAND = (11, 61, 107)
INK = (27, 31, 36)
MUTED = (74, 83, 96)
PAPER = (255, 255, 255)
TINT = (242, 245, 248)

#: Kinds of page, by the schema.org type of the page's JSON-LD.
KINDS = {
    "DigitalDocument": lambda: pgettext("kind of page", "Key document"),
    "GovernmentOrganization": lambda: pgettext("kind of page", "Member government"),
    "Event": lambda: pgettext("kind of page", "Ministerial summit"),
    "NewsArticle": lambda: pgettext("kind of page", "News"),
    "Project": lambda: pgettext("kind of page", "Working group"),
    "DefinedTerm": lambda: pgettext("kind of page", "Principle"),
    "AboutPage": lambda: pgettext("kind of page", "About us"),
}


# What a card says


def describe(data: dict | None) -> dict:
    """What the card of a page with this JSON-LD says: {"t": title, "k": schema.org type,
    "d": ISO date or ""}. A list, or a page without structured data, gets the forum's
    own card."""
    node = _main_node(data or {})
    title = node.get("headline") or node.get("name") or ""
    kind = node.get("@type", "")
    if kind == "GovernmentOrganization":  # the country's name, as the page's heading
        title = (node.get("areaServed") or {}).get("name") or title
    if kind not in KINDS:
        return {"t": str(title) if kind == "CollectionPage" else "", "k": "", "d": ""}
    date = node.get("datePublished") or node.get("startDate") or ""
    return {"t": str(title), "k": kind, "d": str(date)}


def _main_node(data: dict) -> dict:
    if "@graph" not in data:
        return data
    nodes = [node for node in data["@graph"] if node.get("@type") not in ("Organization",)]
    return nodes[0] if nodes else {}


def token(card: dict, language: str) -> str:
    """The card's address: what it says, signed (no time in it: the same card, the same
    address)."""
    return signing.Signer(salt=SALT).sign_object({**card, "l": language}, compress=True)


def read(value: str) -> dict | None:
    """The card a token names, or None if it is not one the site signed."""
    try:
        card = signing.Signer(salt=SALT).unsign_object(value)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(card, dict) or not {"t", "k", "d", "l"} <= card.keys():
        return None
    if card["l"] not in dict(settings.LANGUAGES):
        return None
    return card


# Drawing


def png(card: dict) -> bytes:
    """The card as PNG, drawn once and kept."""
    key = "card:" + hashlib.sha256(repr(sorted(card.items())).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = draw(card)
        cache.set(key, found, KEPT)
    return found


def draw(card: dict) -> bytes:
    language = card["l"]
    with translation.override(language):
        bidi = translation.get_language_bidi()
        kind = KINDS[card["k"]]() if card["k"] in KINDS else ""
        title = card["t"] or _("An international forum of leading digital governments")
        date = _date(card["d"])
        name = _("Digital Nations")
    image = Image.new("RGB", SIZE, PAPER)
    pen = _Pen(ImageDraw.Draw(image), language, bidi)
    pen.draw.rectangle((0, 0, WIDTH, 112), fill=BRAND)
    pen.draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=BRAND)
    pen.line(name, 30, 44, bold=True, fill=PAPER)
    top = 172
    if kind:
        pen.line(kind, top, 36, fill=MUTED)
        top += 72
    pen.paragraph(title, top, bottom=HEIGHT - 140)
    if date:
        pen.line(date, HEIGHT - 104, 36, fill=MUTED)
    out = io.BytesIO()
    image.quantize(colors=32, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()


def _date(value: str) -> str:
    parts = value[:10].split("-")
    try:
        numbers = [int(part) for part in parts if part]
    except ValueError:
        return ""
    if len(numbers) == 3:
        return formats.date_format(datetime.date(*numbers), "DATE_FORMAT")
    if len(numbers) == 2:
        return formats.date_format(datetime.date(*numbers, 1), "YEAR_MONTH_FORMAT")
    return str(numbers[0]) if numbers else ""


class _Pen:
    """Writes lines of one language: from the right on a right-to-left page."""

    def __init__(self, draw: ImageDraw.ImageDraw, language: str, bidi: bool):
        self.draw = draw
        self.language = language
        self.options = {"direction": "rtl" if bidi else "ltr"}
        if features.check("raqm"):
            self.options["language"] = language
        else:  # the basic layout knows neither direction nor language
            self.options = {}
        self.bidi = bidi

    def font(self, size: int, bold: bool = False):
        return _font(self.language, bold, size)

    def width(self, text: str, font) -> float:
        return self.draw.textlength(text, font=font, **self.options)

    def line(self, text: str, top: int, size: int, bold=False, fill=INK):
        font = self.font(size, bold)
        text = self._visual(text)
        if self.bidi:
            self.draw.text(
                (WIDTH - MARGIN, top), text, font=font, fill=fill, anchor="ra", **self.options
            )
        else:
            self.draw.text((MARGIN, top), text, font=font, fill=fill, anchor="la", **self.options)

    def paragraph(self, text: str, top: int, bottom: int):
        """The title in bold, as large as fits: up to four lines, cut with "…" after."""
        for size in (68, 60, 52, 46):
            lines = self._wrap(text, self.font(size, bold=True))
            height = len(lines) * int(size * 1.25)
            if top + height <= bottom or size == 46:
                break
        most = max(1, (bottom - top) // int(size * 1.25))
        if len(lines) > most:
            lines = lines[:most]
            lines[-1] = lines[-1].rstrip(" .,;:") + "…"
        for number, line in enumerate(lines):
            self.line(line, top + number * int(size * 1.25), size, bold=True)

    def _wrap(self, text: str, font) -> list[str]:
        room = WIDTH - 2 * MARGIN
        lines, current = [], ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if self.width(candidate, font) <= room:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while self.width(current, font) > room:  # a word longer than a line
                cut = max(1, int(len(current) * room / self.width(current, font)) - 1)
                lines.append(current[:cut])
                current = current[cut:]
        if current:
            lines.append(current)
        return lines or [""]

    def _visual(self, text: str) -> str:
        # Without Raqm, Pillow lays letters out left to right: reverse a right-to-left
        # line so that it reads in order (without shaping, which Hebrew does not need).
        return text[::-1] if self.bidi and not self.options else text


@functools.lru_cache(maxsize=64)
def _font(language: str, bold: bool, size: int):
    found = _font_file(language, bold)
    if found is not None:
        path, index = found
        try:
            return ImageFont.truetype(path, size, index=index)
        except OSError:
            logger.warning("Link previews: cannot read the font %s", path)
    return ImageFont.load_default(size)


@functools.lru_cache(maxsize=32)
def _font_file(language: str, bold: bool) -> tuple[str, int] | None:
    """A font for the language, as fontconfig chooses it (the PDFs' fonts)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        logger.warning("Link previews: fontconfig is missing (make pdf-deps): Latin only")
        return None
    pattern = f"sans-serif:lang={language}" + (":weight=bold" if bold else "")
    try:
        answer = subprocess.run(  # noqa: S603 (a language code of settings.LANGUAGES)
            [fc_match, "--format=%{file}\n%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        logger.warning("Link previews: no font found for %s", language)
        return None
    path, _newline, index = answer.partition("\n")
    return (path, int(index or 0)) if path else None


def alt_text(card: dict) -> str:
    """What the picture says, in words."""
    parts = [_("Digital Nations")]
    if card["k"] in KINDS:
        parts.append(KINDS[card["k"]]())
    if card["t"]:
        parts.append(card["t"])
    return textwrap.shorten(" – ".join(parts), 300, placeholder="…")
