"""The site floor's own records: the home and About pages (Wagtail pages, edited in the
page tree), the names the forum has gone by, and what the loader last wrote.

These moved here from `core` without touching the database: each keeps its table
(`db_table`), its rows and its content type's id (migration site 0001)."""

import datetime

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.blocks import CharBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from forum.core.lists import kept
from forum.core.models import Sourced
from forum.core.translation import Translatable, TranslatedInSearch
from forum.documents.models import Document
from forum.members.models import Member
from forum.principles.lineage import charter_versions
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
        # The lists are drawn once per content version, language and day (a fragment of
        # home_page.html): the documents and members are read only then; which summit is
        # the latest and which the next is kept, for the day.
        context["today"] = timezone.localdate()
        context["latest_documents"] = Document.objects.listed()[:4]
        context["latest_summit"], context["next_summit"] = kept(
            "home-summits", self.latest_and_next_summit, context["today"]
        )
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
        context["timeline"] = self.timeline  # read only where the page has not kept it
        context["json_ld"] = structured.about_page(request, self, context["principles"])
        return context

    @staticmethod
    def timeline() -> list[dict]:
        """The forum's story in date order, as the records hold it: each name it has gone
        by, each summit with its host, who joined when (those who joined together in one
        entry), each version of the Charter. An entry is a dict: `kind` ("summit",
        "joined", "charter", "name"), its record(s), its `date` and how much of it is
        known (`precision`: "day", "month" or "year").

        Entries are in the order things happened: what is known to the month or the year
        at the month's or the year's end, unless it happened at a summit that month (a
        Charter version, those who joined there: the summit's first day); on one day, a
        summit, then who joined, the Charter, the name. Only the fields shown are read,
        so that a field shown nowhere here cannot mark the page as partly untranslated."""
        entries = []

        def add(kind, date, precision, at=None, **records):
            if at is None and precision == "month":
                following = date.replace(day=28) + datetime.timedelta(days=4)
                at = following - datetime.timedelta(days=following.day)
            elif at is None and precision == "year":
                at = datetime.date(date.year, 12, 31)
            order = ("summit", "joined", "charter", "name").index(kind)
            key = (at or date, order)
            entries.append(
                {"kind": kind, "date": date, "precision": precision, "key": key, **records}
            )

        summits = {}
        for summit in Summit.objects.select_related("host").only(
            "slug", "year", "label", "start_date", "end_date", "city", "virtual", "host__name"
        ):
            summits[summit.pk] = summit
            if summit.start_date:
                add("summit", summit.start_date, "day", summit=summit)
            else:
                add("summit", datetime.date(summit.year, 1, 1), "year", summit=summit)

        together = {}
        for member in Member.objects.in_joining_order().only(
            "name", "iso_code", "founding", "joined_year", "joined_on", "joined_summit"
        ):
            if member.joined_summit_id:
                key = ("summit", member.joined_summit_id)
            else:
                key = (
                    ("day", member.joined_on) if member.joined_on else ("year", member.joined_year)
                )
            together.setdefault(key, []).append(member)
        for members in together.values():
            first, summit = members[0], summits.get(members[0].joined_summit_id)
            founding = all(member.founding for member in members)
            if first.joined_on and {member.joined_on for member in members} == {first.joined_on}:
                add("joined", first.joined_on, "day", members=members, founding=founding)
            elif summit and summit.start_date:
                held = summit.start_date
                add("joined", held, "month", at=held, members=members, founding=founding)
            else:
                year = datetime.date(first.joined_year, 1, 1)
                add("joined", year, "year", members=members, founding=founding)

        for version in charter_versions().only(
            "number", "title", "date", "summit", "document__slug"
        ):
            held = getattr(summits.get(version.summit_id), "start_date", None)
            if held and (held.year, held.month) != (version.date.year, version.date.month):
                held = None
            add("charter", version.date, "month", at=held, version=version)

        for name in ForumName.objects.all():
            add("name", name.start, "month", name=name)

        return sorted(entries, key=lambda entry: entry["key"])


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
