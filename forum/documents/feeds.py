import datetime

from django.db.models import Count
from django.utils.html import escape
from django.utils.translation import gettext as _

from forum.core.feeds import FEED_SIZE, FilteredFeed

from .filters import DocumentFilterForm, filter_documents, search_ids
from .models import DocumentVersion


class DocumentFeed(FilteredFeed):
    """Key documents as Atom 1.0: one entry per document version, newest first, with the
    list's filters (the same query string as /documents/)."""

    link = "/documents/"
    filter_form = DocumentFilterForm

    def title(self):
        return _("Digital Nations: key documents")

    def subtitle(self):
        return _("New key documents and new versions of them, newest first.")

    def items(self, filters):
        ids = search_ids(filters["q"]) if "q" in filters else None
        documents = filter_documents(filters, ids=ids)
        return (
            DocumentVersion.objects.filter(document__in=documents.values("pk"))
            .select_related("document")
            .annotate(versions_of_document=Count("document__versions"))
            .order_by("-date", "-number", "document__title")[:FEED_SIZE]
        )

    def item_title(self, version):
        if version.title == version.document.title:
            return version.document.title
        return f"{version.document.title}: {version.title}"

    def item_description(self, version):
        # Atom's summary is HTML: plain text goes in escaped.
        return escape(
            version.change_note or version.document.summary or version.document.introduction
        )

    def item_link(self, version):
        if version.versions_of_document == 1:
            return version.document.get_absolute_url()
        return version.get_absolute_url()

    def item_guid(self, version):
        return f"{version.document.slug}/versions/{version.number}"

    item_guid_is_permalink = False

    def item_updateddate(self, version):
        return datetime.datetime.combine(version.date, datetime.time(), tzinfo=datetime.UTC)

    item_pubdate = item_updateddate

    def item_categories(self, version):
        return [version.document.get_type_display()]
