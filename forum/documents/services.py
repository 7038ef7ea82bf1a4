"""What happens to a key document's attachment once it is uploaded."""

import posixpath
import re

from django.core.files import File

from forum.core.uploads import EXTENSIONS, extract_text, validate_document_file

from .models import DocumentAttachment

# A stored name that is safe as it is: attachment_upload_to's slug, maybe with the
# random suffix the storage adds when the name is taken ("charter_AbC12xY.pdf").
_SAFE_STEM = re.compile(r"[A-Za-z0-9_-]+")


def attachment_prepare(*, attachment: DocumentAttachment) -> None:
    """Check the attachment's file by its content, give it a safe name and record its
    size, type and text (for search), then save the attachment.

    Works on a new upload (not stored yet) as well as on a stored file. Raises
    ValidationError if the file is not an acceptable PDF, ODT or DOCX document; the
    admin form has already refused those, so from there this does not happen.
    """
    fieldfile = attachment.file
    # Django marks a new, not yet stored upload as not `_committed`; that one must stay
    # open for the save, a stored file is opened here and closed again.
    stored = fieldfile._committed
    try:
        content_type = validate_document_file(fieldfile)
        text = extract_text(fieldfile, content_type)
        size = fieldfile.size
    finally:
        if stored:
            fieldfile.close()

    attachment.content_type = content_type
    attachment.size = size
    attachment.extracted_text = text
    # A new upload is named by attachment_upload_to when it is saved.
    if stored and not _is_safe_name(fieldfile.name, content_type):
        _store_again(fieldfile)
    if attachment.pk is None:
        attachment.save()
    else:
        attachment.save(update_fields=["file", "content_type", "size", "extracted_text"])


def _is_safe_name(name: str, content_type: str) -> bool:
    stem, extension = posixpath.splitext(posixpath.basename(name))
    return extension == EXTENSIONS[content_type] and bool(_SAFE_STEM.fullmatch(stem))


def _store_again(fieldfile) -> None:
    """Store a file again under the name attachment_upload_to gives it (a file stored
    before names were sanitised, or by code that bypassed the field), then delete the
    old copy."""
    old_name = fieldfile.name
    storage = fieldfile.storage
    with storage.open(old_name, "rb") as content:
        fieldfile.save(posixpath.basename(old_name), File(content), save=False)
    storage.delete(old_name)
