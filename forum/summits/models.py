from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from forum.core.models import Confidence, Sourced, lines
from forum.core.translation import Translatable, TranslatedInSearch, in_every_language


class Summit(TranslatedInSearch, index.Indexed, Sourced):
    """An annual ministerial summit, hosted by the member holding the chair."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    number_note = models.CharField(
        _("note on the number"), max_length=255, blank=True, help_text=_("If it is inferred.")
    )
    slug = models.SlugField(_("slug"), unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    label = models.CharField(_("label"), max_length=100, help_text=_("D5 Ministerial Summit…"))
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    dates_note = models.TextField(_("note on the dates"), blank=True)
    host = models.ForeignKey(
        "members.Member",
        verbose_name=_("host member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="summits_hosted",
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    virtual = models.BooleanField(_("held online"), default=False)
    planned_city = models.CharField(
        _("planned city"), max_length=100, blank=True, help_text=_("If it moved online.")
    )
    chair_name = models.CharField(_("chair"), max_length=120, blank=True)
    chair_title = models.CharField(_("chair's title"), max_length=255, blank=True)
    chair_confidence = models.CharField(
        _("confidence in the chair"),
        max_length=6,
        choices=Confidence.choices,
        default=Confidence.HIGH,
    )
    chair_note = models.TextField(_("note on the chair"), blank=True)
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=_("One per line."))
    notes = models.TextField(_("notes"), blank=True)

    search_fields = [
        index.SearchField("label"),
        index.SearchField("city", boost=2),
        index.SearchField("theme", boost=2),
        index.SearchField("chair_name"),
        index.SearchField("outcomes"),
        index.SearchField("host_name"),
        index.FilterField("year"),
        index.AutocompleteField("translated_texts"),
    ]

    translatable = Translatable(
        "summits",
        key="slug",
        fields=(
            "label",
            "number_note",
            "dates_note",
            "city",
            "planned_city",
            "chair_title",
            "chair_note",
            "theme",
            "outcomes",
            "notes",
            "confidence_note",
        ),
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("ministerial summit")
        verbose_name_plural = _("ministerial summits")

    def host_name(self) -> str:
        """The host's name in every language: searching a member finds what it hosted."""
        return in_every_language([self.host], "name")

    def __str__(self):
        place = self.place
        return f"{self.label} {self.year} ({place})" if place else f"{self.label} {self.year}"

    def get_absolute_url(self):
        return reverse("summits:detail", args=[self.slug])

    @property
    def place(self) -> str:
        if self.virtual:
            return _("online")
        return self.city

    @property
    def outcome_list(self) -> list[str]:
        return lines(self.outcomes)
