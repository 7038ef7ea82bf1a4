"""The site floor's own records: the home and About pages (Wagtail pages, edited in the
page tree), the names the forum has gone by, and what the loader last wrote.

These moved here from `core` without touching the database: each keeps its table
(`db_table`), its rows and its content type's id (migration site 0001)."""

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.blocks import CharBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from forum.core.models import Sourced
from forum.core.translation import Translatable, TranslatedInSearch
from forum.documents.models import Document
from forum.members.models import Member
from forum.principles.models import Principle
from forum.summits.models import Summit

from . import structured


class ForumName(Sourced):
    """One of the names the forum has gone by: D5, D7, D9, Digital Nations."""

    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(_("abbreviation"), max_length=10)
    start = models.DateField(_("from"), help_text=_("First day of the month it began."))
    end = models.DateField(_("to"), null=True, blank=True)
    member_count = models.PositiveSmallIntegerField(_("members"), null=True, blank=True)
    event = models.TextField(_("what happened"), blank=True)

    translatable = Translatable(
        "forum_names", key="abbreviation", fields=("event", "confidence_note")
    )

    class Meta:
        db_table = "core_forumname"
        ordering = ["start"]
        verbose_name = _("forum name")
        verbose_name_plural = _("forum names")

    def __str__(self):
        return f"{self.name} ({self.abbreviation})"


class HomePage(TranslatedInSearch, Page):
    """The front page: who the forum is, with the latest of everything."""

    lead = models.CharField(
        _("lead"), max_length=255, help_text=_("The sentence under the forum's name.")
    )
    introduction = models.TextField(_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("introduction")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.AutocompleteField("translated_texts"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    translatable = Translatable("home_page", key="slug", fields=("title", "lead", "introduction"))

    class Meta:
        db_table = "core_homepage"
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_documents"] = Document.objects.listed()[:4]
        context["latest_summit"], context["next_summit"] = self.latest_and_next_summit()
        context["members"] = Member.objects.all()
        context["about_page"] = AboutPage.objects.live().first()
        context["json_ld"] = structured.website(request, self.lead)
        return context

    @staticmethod
    def latest_and_next_summit():
        """The latest summit held and the next one, if a future one is recorded (a later
        first day, or a later year without dates), in one query: (latest, next), either
        None."""
        today = timezone.localdate()
        to_come = Q(start_date__gt=today) | Q(start_date__isnull=True, year__gt=today.year)
        held = Summit.objects.exclude(to_come).order_by("-number").values("pk")[:1]
        summits = (
            Summit.objects.select_related("host")
            .filter(Q(pk__in=held) | to_come)
            .annotate(to_come=ExpressionWrapper(to_come, output_field=BooleanField()))
            .order_by("number")[:2]
        )
        latest = upcoming = None
        for summit in summits:
            if summit.to_come:
                upcoming = upcoming or summit
            else:
                latest = summit
        return latest, upcoming


class AboutPage(TranslatedInSearch, Page):
    """The forum, its mission with its aims, the principles and its history."""

    introduction = models.TextField(_("introduction"))
    mission_statement = models.TextField(_("mission statement"))
    aims = StreamField(
        [("aim", CharBlock(label=_("aim")))],
        verbose_name=_("aims"),
        help_text=_("What the forum does to fulfil its mission, one aim each."),
    )
    how_it_works = models.TextField(
        _("how the forum works"), blank=True, help_text=_("Paragraphs separated by a blank line.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("mission_statement"),
        FieldPanel("aims"),
        FieldPanel("how_it_works"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("mission_statement"),
        index.AutocompleteField("translated_texts"),
    ]
    parent_page_types = ["site.HomePage"]
    max_count = 1

    translatable = Translatable(
        "about_page",
        key="slug",
        fields=("title", "introduction", "mission_statement", "aims", "how_it_works"),
        lists={"aims": "aim"},
    )

    class Meta:
        db_table = "core_aboutpage"
        verbose_name = _("about page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["principles"] = Principle.objects.current()
        context["names"] = ForumName.objects.all()
        context["json_ld"] = structured.about_page(request, self, context["principles"])
        return context


class LoadedRecord(models.Model):
    """What load_forum_data last wrote to a record, so that it can tell an edit made in
    /cms/ (keep it) from a record nobody touched (safe to update)."""

    key = models.CharField(max_length=200, unique=True)
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "core_loadedrecord"
        verbose_name = _("loaded record")

    def __str__(self):
        return self.key
