import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Document
from .services import attachment_prepare


class DocumentViewSet(SnippetViewSet):
    model = Document
    icon = "doc-full"
    add_to_admin_menu = True
    menu_order = 230
    list_display = ["title", "type", "date", "summit"]
    search_fields = ["title", "summary", "introduction"]


register_snippet(DocumentViewSet)


# The admin form field of an uploaded attachment file: "attachments-<form number>-file".
_ATTACHMENT_FILE_FIELD = re.compile(r"attachments-(\d+)-file")


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def prepare_document_attachments(request, instance):
    """Record the size, type and text of a document's new or replaced attachments.

    The file was checked by the form (DocumentAttachment.file's validator) and named by
    its upload_to; this runs once the document and its attachments are saved. A new
    attachment has no content type yet; a replaced file is one uploaded in this request
    for an attachment that already had an id.
    """
    if not isinstance(instance, Document):
        return
    replaced = set()
    for field_name in request.FILES:
        if match := _ATTACHMENT_FILE_FIELD.fullmatch(field_name):
            attachment_id = request.POST.get(f"attachments-{match[1]}-id", "")
            if attachment_id.isdigit():
                replaced.add(int(attachment_id))
    prepared = False
    for attachment in instance.attachments.all():
        if attachment.content_type and attachment.pk not in replaced:
            continue
        try:
            attachment_prepare(attachment=attachment)
            prepared = True
        except ValidationError as error:
            reason = " ".join(error.messages)
        except OSError:  # the stored file is missing or unreadable
            reason = _("The stored file cannot be opened.")
        else:
            continue
        messages.error(
            request,
            _("The file of “%(attachment)s” could not be read: %(reason)s")
            % {"attachment": attachment, "reason": reason},
        )
    if prepared:  # the extracted text is part of the document's search entry
        index.insert_or_update_object(instance)
