"""PDFs in every script: a document's PDF in each of the site's languages draws every
character it holds with a glyph of a font it embeds (no box, no .notdef), and embeds only
the fonts its stylesheet names (installed by `make pdf-deps`), so that what a PDF looks
like does not depend on whatever other fonts a server happens to have."""

import io
import re

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from django.conf import settings
from django.template import loader
from django.utils import translation

from forum.core.translation import reading_in
from forum.documents import pdf
from forum.documents.models import Document

pytestmark = pytest.mark.django_db

GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


def named_families() -> set[str]:
    """The font families the PDF's stylesheet names."""
    source = loader.get_template(pdf.TEMPLATE).template.source
    families = set()
    for declaration in re.findall(r"font-family:\s*([^;}]+)", source):
        for name in declaration.split(","):
            name = name.strip().strip("\"'")
            if name and name not in GENERIC_FAMILIES:
                families.add(name)
    return families


def to_unicode(font) -> dict[int, str]:
    """Glyph code -> the text it stands for, from a font's ToUnicode CMap."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    found = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            found[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for first, last, text in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            start = int(text, 16)
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                found[code] = chr(start + offset)
    return found


def draws(program: TTFont, code: int) -> bool:
    """Whether the embedded font program has a real glyph (not .notdef, not empty) for a
    glyph code of the PDF (WeasyPrint writes glyph ids, Identity-mapped)."""
    if code == 0:
        return False
    if "CFF " in program:
        cff = program["CFF "].cff
        top = cff[cff.fontNames[0]]
        if hasattr(top, "ROS"):  # CID-keyed: glyphs named by their CID
            name = f"cid{code:05d}"
        else:
            order = program.getGlyphOrder()
            name = order[code] if code < len(order) else None
        if name is None or name not in top.CharStrings:
            return False
        charstring = top.CharStrings[name]
        charstring.decompile()
        return len(charstring.program) > 1  # more than "endchar"
    order = program.getGlyphOrder()
    return code < len(order) and program["glyf"][order[code]].numberOfContours != 0


def embedded(reader: PdfReader) -> tuple[set[str], set[str], set[str]]:
    """(families embedded, characters drawn, characters not drawn) over every page."""
    families, drawn, missing = set(), set(), set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            families.add(str(descriptor["/FontFamily"]))
            stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            assert stream is not None, f"{descriptor['/FontName']} is not embedded"
            program = TTFont(io.BytesIO(stream.get_object().get_data()))
            for code, text in to_unicode(font).items():
                if text.strip():
                    (drawn if draws(program, code) else missing).update(text.strip())
    return families, drawn, missing


def letters(text: str) -> set[str]:
    return {character for character in text if not character.isspace()}


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_document_pdf_draws_every_character_in_every_language(client, language):
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    response = client.get(f"{prefix}/documents/dn-charter.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    with reading_in(language):
        charter = Document.objects.get(slug="dn-charter")  # its texts in that language
        expected = letters(charter.title + charter.summary)
    # The text extracts as it was written (the order of right-to-left runs aside)...
    assert expected <= letters(text), sorted(expected - letters(text))
    families, drawn, missing = embedded(reader)
    # ... and every character of it is drawn by a glyph of an embedded font,
    assert missing == set(), sorted(missing)
    assert letters(text) <= drawn, sorted(letters(text) - drawn)
    # one of those the stylesheet names.
    assert families <= named_families(), families - named_families()


def test_the_stylesheet_names_a_font_for_each_script_the_site_speaks():
    assert {"DejaVu Sans", "Noto Sans CJK KR", "DejaVu Sans Mono"} <= named_families()


def test_korean_hebrew_and_accented_latin_are_drawn(client):
    samples = {
        "ko": "디지털 헌장",
        "he": "אמנת שלום",
        "da": "æøå ÆØÅ",
        "et": "õäöüšž",
        "pt": "ãçõé",
        "fr": "éèêçœ",
        "es": "ñáéíóú¿",
    }
    for language, sample in samples.items():
        with translation.override(language):
            html = f'<html lang="{language}"><body><p>{sample}</p></body></html>'
            style = loader.get_template(pdf.TEMPLATE).template.source
            css = re.search(r"<style>(.*?)</style>", style, re.S)[1]
            import weasyprint  # noqa: PLC0415 (as in pdf.py)

            document = weasyprint.HTML(
                string=html.replace("<body>", f"<head><style>{css}</style></head><body>")
            ).write_pdf()
        reader = PdfReader(io.BytesIO(document))
        families, drawn, missing = embedded(reader)
        assert letters(sample) <= drawn, (language, sorted(letters(sample) - drawn))
        assert missing == set(), (language, sorted(missing))
        assert families <= named_families(), (language, families)
