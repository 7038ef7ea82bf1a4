"""PDF of a version of a key document, printed from its HTML text with WeasyPrint: its
official text where the site holds it, otherwise a one-page record of the document. The
stylesheet names the fonts `make pdf-deps` installs (DejaVu Sans, Noto Sans CJK KR), which
draw every script the site speaks.

Rendering takes hundreds of milliseconds, so the bytes are kept in Django's cache under a
key made of everything the PDF shows (see pdf_cache_key): editing the document, the
version, its summit or the template gives a new key, and the old entry simply expires.
"""

import hashlib
import json
import logging
from importlib.metadata import version as package_version
from urllib.parse import urljoin

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from .models import Document, DocumentStatus, DocumentVersion

logger = logging.getLogger(__name__)

TEMPLATE = "documents/document_pdf.html"
# Entries are keyed by content, so they never go stale; this only bounds their lifetime.
CACHE_TIMEOUT = 60 * 60 * 24 * 7
# Browsers and proxies may keep a copy for an hour.
BROWSER_MAX_AGE = 60 * 60
# Bump when the rendering changes in a way the template's source does not show.
RENDERING_REVISION = "2"


def _paragraphs(text: str) -> list[str]:
    return [part.strip("\n") for part in text.split("\n\n") if part.strip()]


def pdf_context(version: DocumentVersion, *, base_url: str) -> dict:
    """Every value the PDF shows, as plain values: the template gets these and nothing
    else, and their hash is part of the cache key.

    A version whose official text the site holds is printed with that text; any other
    is a one-page record of the document (`record`): its facts, where its official text
    is and the secretariat's summary. Either shows this version's own summary and status:
    a version that a later one replaced is superseded by it."""
    document = version.document
    summit = version.summit or document.summit
    titles = dict(document.versions.order_by("number").values_list("number", "title"))
    later = [number for number in titles if number > version.number]
    replaced_by = min(later) if later else None
    is_current = replaced_by is None
    record = not version.is_official_text
    ended = document.status in (DocumentStatus.SUPERSEDED, DocumentStatus.WITHDRAWN)
    return {
        "record": record,
        # A record is written in the reader's language; a text is in its own.
        "language": (translation.get_language() or "en") if record else version.language or "en",
        "document_title": document.title,
        "type": str(document.get_type_display()),
        "external": document.is_external,
        "authors": document.drafted_by if document.is_external else "",
        "status": str(
            document.get_status_display() if is_current else DocumentStatus.SUPERSEDED.label
        ),
        "replaced_by": replaced_by,
        "replaced_by_title": titles.get(replaced_by, ""),
        "document_status": str(document.get_status_display()) if ended and not is_current else "",
        "superseded_by": document.superseded_by.title if document.superseded_by else "",
        "status_note": document.status_note if ended else "",
        "summary": version.summary or (document.summary if is_current else ""),
        "official_publisher": version.official_publisher,
        "official_url": version.official_url,
        "official_language": version.official_language,
        "official_format": str(version.get_official_format_display()),
        "summit_id": summit.pk if summit else None,
        "summit": str(summit) if summit else "",
        "version_title": version.title,
        "number": version.number,
        "latest_number": max(titles, default=version.number),
        "date": version.date,
        "paragraphs": [] if record else _paragraphs(version.canonical_text),
        "holds_summary_text": record and version.holds_text,
        "text_note": version.text_note,
        "checksum": "" if record else version.checksum,
        "permalink": urljoin(base_url, version.get_absolute_url()),
        "text_url": ""
        if record
        else urljoin(
            base_url,
            reverse("documents:version_text", args=[document.slug, version.number]),
        ),
    }


def pdf_cache_key(version: DocumentVersion, context: dict) -> str:
    """Cache key of a version's PDF: document and version, the text's checksum, the
    active language and a hash of everything rendered (and of the template itself)."""
    digest = hashlib.sha256()
    digest.update(json.dumps(context, sort_keys=True, default=str).encode())
    template = loader.get_template(TEMPLATE)
    digest.update(getattr(template.template, "source", TEMPLATE).encode())
    digest.update(f"{package_version('weasyprint')}:{RENDERING_REVISION}".encode())
    return ":".join(
        [
            "documents:pdf",
            str(version.document_id),
            str(version.pk),
            version.checksum,
            translation.get_language() or "",
            digest.hexdigest(),
        ]
    )


def version_pdf_bytes(version: DocumentVersion, *, base_url: str) -> bytes:
    """Render a version of a document as a tagged PDF (PDF/UA-1 where possible)."""
    html = loader.render_to_string(TEMPLATE, pdf_context(version, base_url=base_url))
    import weasyprint  # here, so that the site runs where its system libraries are missing

    # The template loads nothing (no images, stylesheets or fonts by address); refuse
    # every fetch so text from the CMS can never make the server request a URL.
    page = weasyprint.HTML(
        string=html,
        base_url=base_url,
        url_fetcher=weasyprint.URLFetcher(allowed_protocols=()),
    )
    try:
        # WeasyPrint's default pdf_tags is False rather than None, so the PDF/UA variant
        # does not switch tagging on by itself: ask for it explicitly.
        return page.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    except Exception:
        # Fallback: if the PDF/UA-1 variant cannot be produced (say, a font that cannot
        # be embedded as the variant requires), a tagged PDF (structure tree, MarkInfo,
        # title and language) is still better than no PDF at all.
        logger.exception("PDF/UA rendering failed for %s; falling back to tagged PDF", version)
        return page.write_pdf(pdf_tags=True)


def _pdf_response(request, version: DocumentVersion) -> HttpResponse:
    base_url = request.build_absolute_uri("/")
    key = pdf_cache_key(version, pdf_context(version, base_url=base_url))
    content = cache.get(key)
    if content is None:
        content = version_pdf_bytes(version, base_url=base_url)
        cache.set(key, content, CACHE_TIMEOUT)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{version.document.slug}-v{version.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={BROWSER_MAX_AGE}"
    return response


_versions = DocumentVersion.objects.select_related(
    "document__summit", "document__superseded_by", "summit"
)


@require_safe
def document_pdf(request, slug):
    """The latest version (highest number) of a document."""
    document = get_object_or_404(Document, slug=slug)
    version = _versions.filter(document=document).order_by("-number").first()
    if version is None:
        raise Http404("This document has no version.")
    return _pdf_response(request, version)


@require_safe
def version_pdf(request, slug, number):
    version = get_object_or_404(_versions, document__slug=slug, number=number)
    return _pdf_response(request, version)
