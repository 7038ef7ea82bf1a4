"""Key documents, with their versions, signatories and files, in the read API.

The list takes the filters of /documents/ under the same names: the query string goes
through `DocumentFilterForm` and `filter_documents`, as on the page and in the feed.
"""

import datetime
from typing import Literal

from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from django.db.models import Prefetch
from django.urls import reverse

from forum.core.fulltext import RankedRecords
from forum.core.schemas import (
    ERRORS_ITEM,
    ERRORS_LIST,
    InvalidQuery,
    PageParams,
    Sourced,
    absolute,
    filter_parameters,
    page_schema,
    paginate,
    request_of,
    sources_field,
)

from .filters import DocumentFilterForm, filter_documents, ordered, search_ids
from .models import (
    Document,
    DocumentAttachment,
    DocumentStatus,
    DocumentType,
    DocumentVersion,
    Signature,
    TextFormat,
    TextKind,
)

router = Router(tags=["documents"])

Act = Literal["signed", "adopted", "endorsed", "supported"]
How = Literal["in_person", "remote", "unknown"]
SLUG = r"^[-a-zA-Z0-9_]*$"  # empty: the filter is not used


class VersionOut(Schema):
    """One numbered version of a document: its text as of a date, and what changed."""

    number: int = Field(description="Its number, the first being 1.")
    title: str = Field(description="Its title: D7 Charter…")
    date: datetime.date = Field(description="Its date (month and year; the 1st of the month).")
    summit: str | None = Field(description="Slug of the summit that adopted or received it.")
    change_note: str = Field(description="What changed from the version before.")
    text: str = Field(
        description="Its canonical text: UTF-8, Unicode NFC, LF line endings, no trailing "
        "spaces, one final newline. Empty where no source gives it."
    )
    checksum: str | None = Field(
        description="SHA-256 of the canonical text, in hex; null unless the text is the "
        "official text word for word (not the secretariat's summary of it)."
    )
    text_kind: Literal[tuple(TextKind.values)] = Field(
        description="What `text` is: the official text word for word, or the secretariat's "
        "summary of it."
    )
    text_note: str = Field(description="Whether the text is a summary rather than the wording.")
    summary: str = Field(
        description="What this version says, in the secretariat's words (empty: the "
        "document's summary stands for its current version)."
    )
    language: str = Field(description="Language of the authoritative (signed) text.")
    official_publisher: str = Field(description="Who publishes the official text.")
    official_url: str = Field(description="Where the publisher publishes it; empty if unknown.")
    official_language: str = Field(description="Language of the official text, if known.")
    official_format: Literal["", *TextFormat.values] = Field(
        description="Format of the official text there: a web page, a PDF or a "
        "word-processor file; empty if unknown."
    )
    former_slug: str = Field(description="An older address of this version, now redirected.")
    url: str = Field(description="Its page on this site.")
    text_url: str | None = Field(description="Its canonical text as a .txt file, if it has one.")
    pdf_url: str = Field(description="It as PDF.")

    @staticmethod
    def resolve_summit(obj):
        return obj.summit.slug if obj.summit_id else None

    @staticmethod
    def resolve_text(obj):
        return obj.canonical_text

    @staticmethod
    def resolve_checksum(obj):
        return obj.checksum if obj.is_official_text else None

    @staticmethod
    def resolve_url(obj, context):
        return absolute(
            request_of(context), reverse("documents:version", args=[obj.document.slug, obj.number])
        )

    @staticmethod
    def resolve_text_url(obj, context):
        if not obj.canonical_text:
            return None
        path = reverse("documents:version_text", args=[obj.document.slug, obj.number])
        return absolute(request_of(context), path)

    @staticmethod
    def resolve_pdf_url(obj, context):
        path = reverse("documents:version_pdf", args=[obj.document.slug, obj.number])
        return absolute(request_of(context), path)


class SignatureOut(Schema):
    """A member's signature, adoption, endorsement or support of a document."""

    member: str = Field(description="ISO code of the member.")
    member_name: str = Field(description="The member's name.")
    version: int | None = Field(description="Number of the version, where recorded.")
    act: Act = Field(description="What the member did.")
    date: datetime.date | None = Field(description="When, where known.")
    signer: str = Field(description="Who signed for the member, where known.")
    how: How = Field(description="In person, remotely, or not recorded.")
    note: str = Field(description="A note on this signature.")

    @staticmethod
    def resolve_member(obj):
        return obj.member.iso_code

    @staticmethod
    def resolve_member_name(obj):
        return obj.member.name

    @staticmethod
    def resolve_version(obj):
        return obj.version.number if obj.version_id else None


class AttachmentOut(Schema):
    """A file of a document (PDF, ODT or DOCX) in one language."""

    id: int = Field(description="Its identifier.")
    title: str = Field(description="Its title.")
    language: str = Field(description="Its language.")
    version: int | None = Field(description="Number of the version it belongs to, if one.")
    content_type: str = Field(description="Its media type.")
    size: int = Field(description="Its size in bytes.")
    url: str = Field(description="Where to download it.")

    @staticmethod
    def resolve_version(obj):
        return obj.version.number if obj.version_id else None

    @staticmethod
    def resolve_url(obj, context):
        path = reverse("documents:attachment", args=[obj.document.slug, obj.pk])
        return absolute(request_of(context), path)


class DocumentOut(Sourced):
    """A key document of the forum, with every version, its signatories and its files."""

    slug: str = Field(description="Its identifier, as in /documents/{slug}/.")
    title: str = Field(description="Its title.")
    type: Literal[tuple(DocumentType.values)] = Field(description="What kind of document.")
    date: datetime.date = Field(description="Its date (month and year; the 1st of the month).")
    introduction: str = Field(description="The short text shown in the list.")
    summary: str = Field(description="What it says, in plain words.")
    status: Literal[tuple(DocumentStatus.values)] = Field(
        description="In force (a charter, declaration or framework), published (a "
        "communiqué, report or external publication), superseded or withdrawn."
    )
    superseded_by: str | None = Field(description="Slug of the document that superseded it.")
    status_note: str = Field(description="Why it was withdrawn or superseded.")
    summit: str | None = Field(description="Slug of its summit.")
    drafted_by_group: str | None = Field(description="Slug of the working group that drafted it.")
    drafted_by: str = Field(description="Who drafted it, where not one of the working groups.")
    adoption: str = Field(description="How it was adopted, signed or presented.")
    principles: list[str] = Field(description="Slugs of the principles it is tagged with.")
    url: str = Field(description="Its page on this site.")
    pdf_url: str = Field(description="Its current version as PDF.")
    versions: list[VersionOut] = Field(description="Its versions, oldest first.")
    signatures: list[SignatureOut] = Field(description="Its signatories, by version.")
    attachments: list[AttachmentOut] = Field(description="Its attached files.")
    sources: list[str] = sources_field()

    @staticmethod
    def resolve_superseded_by(obj):
        return obj.superseded_by.slug if obj.superseded_by_id else None

    @staticmethod
    def resolve_summit(obj):
        return obj.summit.slug if obj.summit_id else None

    @staticmethod
    def resolve_drafted_by_group(obj):
        return obj.drafted_by_group.slug if obj.drafted_by_group_id else None

    @staticmethod
    def resolve_principles(obj):
        return sorted(principle.slug for principle in obj.principles.all())

    @staticmethod
    def resolve_url(obj, context):
        return absolute(request_of(context), obj.get_absolute_url())

    @staticmethod
    def resolve_pdf_url(obj, context):
        return absolute(request_of(context), reverse("documents:pdf", args=[obj.slug]))


DocumentPage = page_schema(DocumentOut, "DocumentPage", "key documents")


def with_details(queryset):
    """Documents with everything DocumentOut shows, in a fixed number of queries."""
    return queryset.select_related("summit", "drafted_by_group", "superseded_by").prefetch_related(
        Prefetch(
            "versions",
            queryset=DocumentVersion.objects.select_related("summit").order_by("number", "pk"),
        ),
        Prefetch(
            "signatures",
            queryset=Signature.objects.select_related("member", "version").order_by(
                "version__number", "sort_order", "pk"
            ),
        ),
        "principles",
        Prefetch(
            "attachments",
            queryset=DocumentAttachment.objects.select_related("version").order_by(
                "sort_order", "pk"
            ),
        ),
    )


FILTERS = {
    "q": ("Words to find in the title, summary, texts and files.", {"maxLength": 200}),
    "type": ("Only documents of this type.", {"enum": ["", *DocumentType.values]}),
    "year": (
        "Only documents with a version dated in this year.",
        {"type": "integer", "minimum": 1900, "maximum": 2200},
    ),
    "member": (
        "Only documents signed, adopted, endorsed or supported by this member (its ISO "
        "code: ee, gb…).",
        {"pattern": "^([A-Za-z]{2})?$"},
    ),
    "group": ("Only documents drafted by this working group (its slug).", {"pattern": SLUG}),
    "summit": (
        "Only documents of this summit, or with a version adopted at it (its slug).",
        {"pattern": SLUG},
    ),
    "principle": ("Only documents tagged with this principle (its slug).", {"pattern": SLUG}),
    "status": ("Only documents with this status.", {"enum": ["", *DocumentStatus.values]}),
    "sort": (
        "Order: newest first when left out; `oldest` for oldest first; `relevance` (with "
        "`q`) for best match first.",
        {"enum": ["", "oldest", "relevance"]},
    ),
}
FILTER_PARAMETERS = filter_parameters(FILTERS)


@router.get(
    "/",
    response={200: DocumentPage, **ERRORS_LIST},
    summary="List key documents",
    description="Key documents, newest first, with the filters of /documents/ under the "
    "same names. A filter value that names nothing (an unknown member, group, summit or "
    "principle) or is malformed gets a 400 whose `errors` says which and why.",
    operation_id="documents_list",
    openapi_extra={"parameters": FILTER_PARAMETERS},
)
def document_list(request, page: Query[PageParams]):
    form = DocumentFilterForm(request.GET)
    if not form.is_valid():
        raise InvalidQuery(form.errors)
    filters = form.filters
    ids = search_ids(filters["q"]) if "q" in filters else None
    documents = ordered(
        with_details(filter_documents(filters, ids=ids)), form.cleaned_data["sort"], ids
    )
    if not isinstance(documents, RankedRecords):
        documents = documents.order_by(*documents.query.order_by, "pk")
    return paginate(request, documents, page)


@router.get(
    "/{slug}",
    response={200: DocumentOut, **ERRORS_ITEM},
    summary="One key document",
    description="A key document with every version (text and checksum), its signatories "
    "and its files, as on /documents/{slug}/.",
    operation_id="documents_detail",
)
def document_detail(
    request, slug: str = Path(description="The document's slug: dn-charter…", example="dn-charter")
):
    document = with_details(Document.objects.public().filter(slug=slug)).first()
    if document is None:
        version = DocumentVersion.objects.filter(former_slug=slug).select_related("document")
        version = version.first()
        if version is not None:
            raise HttpError(
                404,
                f"“{slug}” is now version {version.number} of “{version.document.slug}”.",
            )
        raise HttpError(404, f"There is no document “{slug}”.")
    return document
