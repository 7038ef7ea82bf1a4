"""/sitemap.xml: every public page. With more than one language in settings.LANGUAGES,
each address gets its alternates (hreflang, x-default) without further change."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from wagtail.models import Page

from forum.core.i18n import localise_path
from forum.decisions.models import Decision
from forum.documents.models import Document, DocumentVersion
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.news.models import NewsItem
from forum.practices.models import Practice
from forum.principles.models import Principle
from forum.summits.models import Summit


class Localised(Sitemap):
    @property
    def i18n(self):
        return len(settings.LANGUAGES) > 1

    alternates = True
    x_default = True


class PageSitemap(Localised):
    """The Wagtail pages: home, About, and the privacy, accessibility, cookies, licence
    and contact pages."""

    def items(self):
        pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
        return [page for page in pages if page.get_url_parts()]

    def location(self, page):
        return localise_path(page.get_url_parts()[2])  # in the sitemap's language


class ListSitemap(Localised):
    """The lists, and the open data pages."""

    names = [
        "members:list",
        "principles:list",
        "summits:list",
        "groups:list",
        "documents:list",
        "news:list",
        "practices:list",
        "decisions:list",
        "data:index",
        "api-docs",
    ]

    def items(self):
        names = []
        for name in self.names:
            try:
                reverse(name)
            except NoReverseMatch:  # an app that has not published its list yet
                continue
            names.append(name)
        return names

    def location(self, name):
        return reverse(name)  # in the sitemap's language, once URLs have one


class RecordSitemap(Localised):
    """The pages of one kind of record, in a stable order."""

    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset.all()


class VersionSitemap(Localised):
    """Every version of every key document."""

    def items(self):
        return DocumentVersion.objects.select_related("document").order_by(
            "document__slug", "number"
        )


class DecisionSitemap(RecordSitemap):
    """Every decision, once its pages are published (forum/urls.py includes them)."""

    def items(self):
        try:
            reverse("decisions:list")
        except NoReverseMatch:
            return []
        return super().items()


SITEMAPS = {
    "pages": PageSitemap,
    "lists": ListSitemap,
    "principles": RecordSitemap(Principle.objects.order_by("slug")),
    "members": RecordSitemap(Member.objects.order_by("iso_code")),
    "summits": RecordSitemap(Summit.objects.order_by("-number")),
    "working-groups": RecordSitemap(WorkingGroup.objects.order_by("slug")),
    "documents": RecordSitemap(Document.objects.public().order_by("slug")),
    "document-versions": VersionSitemap,
    "news": RecordSitemap(NewsItem.objects.published()),
    "practices": RecordSitemap(Practice.objects.public().order_by("-published_at", "pk")),
    "decisions": DecisionSitemap(Decision.objects.public().order_by("pk")),
}
