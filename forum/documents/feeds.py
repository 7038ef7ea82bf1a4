import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .filters import DocumentFilterForm, filter_documents, search_ids
from .models import DocumentVersion

FEED_SIZE = 50


class DocumentFeed(Feed):
    """Key documents as Atom 1.0: one entry per document version, newest first, with the
    list's filters (the same query string as /documents/)."""

    feed_type = Atom1Feed
    link = "/documents/"

    def __call__(self, request, *args, **kwargs):
        form = DocumentFilterForm(request.GET)
        if not form.is_valid():
            messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
            return HttpResponseBadRequest(messages, content_type="text/plain; charset=utf-8")
        self.filters = form.filters
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Digital Nations: key documents")

    def subtitle(self):
        return _("New key documents and new versions of them, newest first.")

    def items(self):
        ids = search_ids(self.filters["q"]) if "q" in self.filters else None
        documents = filter_documents(self.filters, ids=ids)
        return (
            DocumentVersion.objects.filter(document__in=documents.values("pk"))
            .select_related("document")
            .order_by("-date", "-number", "document__title")[:FEED_SIZE]
        )

    def item_title(self, version):
        if version.title == version.document.title:
            return version.document.title
        return f"{version.document.title}: {version.title}"

    def item_description(self, version):
        return version.change_note or version.document.summary or version.document.introduction

    def item_link(self, version):
        if version.document.versions.count() == 1:
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
