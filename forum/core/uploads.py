"""Checks, names and text of the files the secretariat attaches to key documents.

The files come from people's computers and are published to everyone, so nothing about
them is trusted: the type is read from the content (never from the name or the browser's
claim), the size is capped before anything is parsed, zip archives (ODT, DOCX) are capped
by their declared unpacked size before anything is unpacked, and XML is parsed with
defusedxml only. Any failure to read a file becomes a ValidationError with a message the
secretariat can act on, never a server error.
"""

import io
import logging
import posixpath
import zipfile

from defusedxml import ElementTree
from pypdf import PdfReader

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: The extension each accepted type must have, and gets when the file is stored.
EXTENSIONS = {PDF: ".pdf", ODT: ".odt", DOCX: ".docx"}
#: How the types are named to the secretariat (and on the public page).
KINDS = {PDF: "PDF", ODT: "ODT", DOCX: "DOCX"}

#: Largest file accepted; settings.DOCUMENT_UPLOAD_MAX_BYTES overrides it.
DOCUMENT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
#: Largest total unpacked size of an ODT or DOCX (zip bombs);
#: settings.DOCUMENT_UNPACKED_MAX_BYTES overrides it.
DOCUMENT_UNPACKED_MAX_BYTES = 50 * 1024 * 1024
#: Extracted text is for search; a longer text is cut rather than filling the database.
EXTRACTED_TEXT_MAX_CHARS = 1_000_000

UPLOAD_DIR = "documents"

_ODT_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_DOCX_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def validate_document_file(uploaded_file) -> str:
    """Return the content type of a PDF, ODT or DOCX file, or raise ValidationError.

    `uploaded_file` is any Django File (an UploadedFile, a FieldFile). It is read from
    the start and left at the start, so it can still be saved afterwards.
    """
    size = uploaded_file.size
    limit = getattr(settings, "DOCUMENT_UPLOAD_MAX_BYTES", DOCUMENT_UPLOAD_MAX_BYTES)
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    try:
        uploaded_file.seek(0)
        head = uploaded_file.read(5)
        uploaded_file.seek(0)
        if head == b"%PDF-":
            content_type = _check_pdf(uploaded_file)
        elif head.startswith(b"PK\x03\x04"):
            content_type = _check_zip(uploaded_file)
        else:
            content_type = None
    finally:
        uploaded_file.seek(0)
    if content_type is None:
        raise ValidationError(
            _(
                "This file is not a PDF, ODT or DOCX document. Save it in one of these "
                "formats and upload it again."
            ),
            code="unsupported_type",
        )
    _check_extension(uploaded_file.name or "", content_type)
    return content_type


def validate_document_file_field(value) -> None:
    """Validator of DocumentAttachment.file (a model field validator gets a FieldFile).

    Only a new upload is checked: a file already in storage was checked when it was
    uploaded, and re-reading every stored file each time a document is saved would be
    slow. Django marks a FieldFile holding a new upload as not yet `_committed`.
    """
    if isinstance(value, FieldFile) and getattr(value, "_committed", True):
        return
    validate_document_file(value)


def sanitise_filename(name: str, content_type: str) -> str:
    """The name a file is stored under: a lower-case ASCII slug of its stem and the
    extension of its type, without any folder (browsers on Windows may send one), so
    that names are safe in URLs and on any file system, and always say the type.

    "Charter 2021 (FINAL).PDF" → "charter-2021-final.pdf"
    """
    extension = EXTENSIONS.get(content_type)
    if extension is None:
        raise ValueError(f"Not a document type: {content_type!r}")
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, ext = posixpath.splitext(base)
    if ext.lower() not in EXTENSIONS.values():
        stem = base  # "v1.2 draft" has no extension to drop
    # Dots would vanish in slugify ("v1.2" → "v12"); make them word breaks instead.
    slug = slugify(stem.replace(".", " "))[:100].strip("-_") or "document"
    return slug + extension


def attachment_upload_to(instance, filename: str) -> str:
    """Where Django stores a newly uploaded attachment (the FileField's upload_to).

    The validator has already refused a name whose extension does not match the content,
    so the extension gives the type here; a file saved without validation falls back on
    the type attachment_prepare recorded.
    """
    extension = posixpath.splitext(filename)[1].lower()
    by_extension = {ext: content_type for content_type, ext in EXTENSIONS.items()}
    content_type = by_extension.get(extension) or instance.content_type
    return posixpath.join(UPLOAD_DIR, sanitise_filename(filename, content_type))


def extract_text(file, content_type: str) -> str:
    """The plain text of a validated document, for search: paragraphs one a line.

    Pages or parts that cannot be read are skipped rather than failing the upload: the
    file itself is fine to publish, only its search text is incomplete.
    """
    file.seek(0)
    try:
        if content_type == PDF:
            text = _pdf_text(file)
        elif content_type == ODT:
            text = _odt_text(_read_xml(file, "content.xml"))
        elif content_type == DOCX:
            text = _docx_text(_read_xml(file, "word/document.xml"))
        else:
            raise ValueError(f"Not a document type: {content_type!r}")
    finally:
        file.seek(0)
    # PostgreSQL text cannot hold NUL characters, which PDFs sometimes produce.
    text = text.replace("\x00", "")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:EXTRACTED_TEXT_MAX_CHARS]


# Checks


def _check_extension(name: str, content_type: str) -> None:
    """A PDF named .docx would be offered to readers as the wrong type: refuse it."""
    expected = EXTENSIONS[content_type]
    extension = posixpath.splitext(name.replace("\\", "/"))[1].lower()
    if extension != expected:
        raise ValidationError(
            _(
                "The file's name ends in “%(extension)s” but it is a %(kind)s document. "
                "Rename it to end in “%(expected)s” and upload it again."
            ),
            code="extension_mismatch",
            params={
                "extension": extension or _("(no extension)"),
                "kind": KINDS[content_type],
                "expected": expected,
            },
        )


def _check_pdf(file) -> str:
    damaged = ValidationError(
        _("This PDF is damaged and cannot be read. Save or export it again and upload it."),
        code="damaged",
    )
    try:
        reader = PdfReader(file)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _(
                    "This PDF is protected by a password. Upload a copy without the "
                    "password so that everyone can read it."
                ),
                code="encrypted",
            )
        if not len(reader.pages):
            raise damaged
    except ValidationError:
        raise
    except Exception as error:
        # pypdf raises many kinds of errors on broken or hostile files (and a
        # DependencyError on encryption it cannot undo): for the user they all mean
        # "cannot be read".
        logger.info("PDF refused: %r", error, exc_info=True)
        raise damaged from error
    return PDF


def _check_zip(file) -> str | None:
    """ODT or DOCX, None for another kind of zip; the checks run before the zip is
    unpacked beyond its directory, and zipfile never unpacks a member beyond its declared
    size (it fails the CRC instead), so the declared sizes bound the work."""
    damaged = ValidationError(
        _("This file is damaged and cannot be read. Save it again and upload the new file."),
        code="damaged",
    )
    limit = getattr(settings, "DOCUMENT_UNPACKED_MAX_BYTES", DOCUMENT_UNPACKED_MAX_BYTES)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > limit:
                raise ValidationError(
                    _(
                        "This file would unpack to more than %(limit)s, far more than a "
                        "document needs. Save it again without embedded media and upload it."
                    ),
                    code="too_large_unpacked",
                    params={"limit": filesizeformat(limit)},
                )
            if archive.testzip() is not None:
                raise damaged
            names = {member.filename for member in members}
            if (
                members
                and members[0].filename == "mimetype"
                and archive.read(members[0]) == ODT.encode()
                and "content.xml" in names
            ):
                content_type, main_part = ODT, "content.xml"
            elif {"[Content_Types].xml", "word/document.xml"} <= names:
                content_type, main_part = DOCX, "word/document.xml"
            else:
                return None
        # The text is extracted after the file is saved; make sure now that it can be.
        _read_xml(file, main_part)
    except ValidationError:
        raise
    except Exception as error:
        # Broken archives and XML raise BadZipFile, zlib.error, EOFError, RuntimeError
        # (encrypted members), NotImplementedError (unknown compression), ParseError,
        # defusedxml's EntitiesForbidden…: for the user they all mean "cannot be read".
        logger.info("Zip document refused: %r", error, exc_info=True)
        raise damaged from error
    return content_type


# Text


def _read_xml(file, member: str):
    file.seek(0)
    with zipfile.ZipFile(file) as archive:
        return ElementTree.fromstring(archive.read(member))


def _pdf_text(file) -> str:
    reader = PdfReader(file)
    if reader.is_encrypted:
        reader.decrypt("")
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(page.extract_text())
        except Exception:
            logger.info("No text from page %d of a PDF", number, exc_info=True)
    return "\n".join(pages)


def _odt_text(root) -> str:
    """Text of the paragraphs and headings of content.xml; <text:s/>, <text:tab/> and
    <text:line-break/> are empty elements that stand for white space."""
    for element in root.iter():
        if element.tag in {f"{_ODT_TEXT}s", f"{_ODT_TEXT}tab", f"{_ODT_TEXT}line-break"}:
            element.text = " "
    paragraphs = {f"{_ODT_TEXT}p", f"{_ODT_TEXT}h"}
    return "\n".join(
        "".join(element.itertext()) for element in root.iter() if element.tag in paragraphs
    )


def _docx_text(root) -> str:
    """Text of the paragraphs (<w:p>) of word/document.xml: only <w:t> holds visible
    text (not field codes or deleted text); tabs and breaks become spaces."""
    spaces = {f"{_DOCX_W}tab", f"{_DOCX_W}br", f"{_DOCX_W}cr"}
    lines = []
    for paragraph in root.iter(f"{_DOCX_W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_DOCX_W}t":
                parts.append(node.text or "")
            elif node.tag in spaces:
                parts.append(" ")
        lines.append("".join(parts))
    return "\n".join(lines)


class CappedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: the size cap holds while the body streams in. Past
    DOCUMENT_UPLOAD_MAX_BYTES a file's bytes go no further (nothing more reaches memory or
    disk) and the form receives an empty stand-in that keeps the size sent, which
    validate_document_file refuses with its usual message; the request's other fields
    are read as usual, so nothing typed is lost."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        limit = getattr(settings, "DOCUMENT_UPLOAD_MAX_BYTES", DOCUMENT_UPLOAD_MAX_BYTES)
        return raw_data if self.received <= limit else None

    def file_complete(self, file_size):
        limit = getattr(settings, "DOCUMENT_UPLOAD_MAX_BYTES", DOCUMENT_UPLOAD_MAX_BYTES)
        if self.received <= limit:
            return None  # the next handler has the whole file
        return UploadedFile(
            io.BytesIO(), self.file_name, self.content_type, self.received, self.charset
        )
