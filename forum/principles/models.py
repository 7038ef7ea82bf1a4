from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from forum.core.models import Confidence, Sourced
from forum.core.translation import Translatable, TranslatedInSearch


class PrincipleQuerySet(models.QuerySet):
    def current(self):
        """The principles of the Charter in force, in its order."""
        return self.filter(position__isnull=False).order_by("position")

    def dropped(self):
        return self.filter(position__isnull=True).order_by("name")


class Principle(TranslatedInSearch, index.Indexed, ClusterableModel, Sourced):
    """A principle members commit to work towards, across Charter versions."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(
        _("position in the current Charter"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Leave empty for a principle that the current Charter no longer has."),
    )
    number = models.CharField(
        _("clause number"), max_length=10, blank=True, help_text=_("As numbered in the Charter.")
    )
    summary = models.TextField(_("summary"), help_text=_("The principle in plain words."))
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    objects = PrincipleQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("position"),
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("replaced_by"),
        InlinePanel("wordings", label=_("Wording in each Charter version")),
        FieldPanel("sources"),
        FieldPanel("confidence"),
        FieldPanel("confidence_note"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("summary"),
        index.AutocompleteField("name"),
        index.AutocompleteField("translated_texts"),
    ]

    translatable = Translatable(
        "principles", key="slug", fields=("name", "summary", "confidence_note")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self):
        return self.name

    def tagged_documents(self):
        """The documents tagged with it, newest first, read from the documents list's
        index (through the relation the documents app declares, `Principle.documents`)."""
        documents = self._meta.get_field("documents").related_model
        tags = documents.principles.through.objects.filter(
            document=models.OuterRef("pk"), principle=self
        )
        return documents.objects.filter(models.Exists(tags)).order_by("-date", "type", "title")

    def tagged_documents_count(self) -> int:
        """How many documents are tagged with it, counted on the tags alone."""
        documents = self._meta.get_field("documents").related_model
        return documents.principles.through.objects.filter(principle=self).count()

    def get_absolute_url(self):
        return reverse("principles:detail", args=[self.slug])


class PrincipleWording(Orderable):
    """How one Charter version words a principle."""

    principle = ParentalKey(Principle, on_delete=models.CASCADE, related_name="wordings")
    version = models.ForeignKey(
        "documents.DocumentVersion",
        verbose_name=_("Charter version"),
        on_delete=models.CASCADE,
        related_name="principle_wordings",
        limit_choices_to={"document__type": "charter"},
    )
    number = models.CharField(_("clause number"), max_length=10, blank=True)
    name = models.CharField(_("name in this version"), max_length=120)
    text = models.TextField(_("wording"), help_text=_("The principle as this version puts it."))
    confidence = models.CharField(
        _("confidence"), max_length=6, choices=Confidence.choices, default=Confidence.HIGH
    )
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("version"),
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("text"),
        FieldPanel("confidence"),
        FieldPanel("note"),
    ]

    translatable = Translatable(
        "principle_wordings", key="principle__slug,version__number", fields=("name", "text", "note")
    )

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["principle", "version"], name="one_wording_per_version")
        ]
        verbose_name = _("principle wording")

    def __str__(self):
        return f"{self.name} ({self.version})"
