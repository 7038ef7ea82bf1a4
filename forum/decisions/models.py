from django.conf import settings
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from forum.core.models import Sourced
from forum.core.translation import Translatable, TranslatedInSearch


class DecisionStatus(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SET_ASIDE = "set_aside", _("Set aside")


class DecisionBasis(models.TextChoices):
    """What a decision derived by the loader from the forum's records says; a decision
    the secretariat records has none and says what its title says."""

    RECORDED = "", _("Recorded by the secretariat")
    ADOPTED = "adopted", _("A document adopted at a summit")
    RENEWED = "renewed", _("The Charter renewed at a summit")
    STARTED = "started", _("A working group started")


class DecisionQuerySet(models.QuerySet):
    def public(self):
        """Every decision is public: the forum's decisions are on the record."""
        return self.all()

    def listed(self):
        """Newest summit first, then a group meeting's newest date first."""
        return self.select_related(
            "summit", "meeting_group", "group", "document_version__document"
        ).order_by(
            F("summit__number").desc(nulls_last=True), F("date").desc(nulls_last=True), "-pk"
        )

    def of_summit(self, summit):
        return self.filter(summit=summit)

    def with_progress(self):
        """With their public progress notes, oldest first, read in one more query (a
        summit's page: `summit.decisions.listed().with_progress()`, no import needed)."""
        return self.prefetch_related(
            models.Prefetch("progress_notes", queryset=ProgressNote.objects.public())
        )


class Decision(TranslatedInSearch, index.Indexed, ClusterableModel, Sourced):
    """Something a summit or a working group's meeting agreed, who carries it, by when,
    and where it stands."""

    #: Names a decision the loader derived from the records ("adopted/dn-charter/5").
    key = models.CharField(
        _("key"), max_length=150, unique=True, null=True, blank=True, editable=False
    )
    basis = models.CharField(
        _("derived from"), max_length=10, choices=DecisionBasis.choices, blank=True, default=""
    )
    summit = models.ForeignKey(
        "summits.Summit",
        verbose_name=_("summit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    meeting_group = models.ForeignKey(
        "groups.WorkingGroup",
        verbose_name=_("working group meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_decisions",
        help_text=_("The working group whose meeting agreed it, if not a summit."),
    )
    date = models.DateField(_("date agreed"), null=True, blank=True)
    title = models.CharField(_("what was agreed"), max_length=255, blank=True)
    text = models.TextField(_("text"), blank=True)
    document_version = models.ForeignKey(
        "documents.DocumentVersion",
        verbose_name=_("document version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text=_("The version adopted, signed or renewed, if the decision is about one."),
    )
    members = ParentalManyToManyField(
        "members.Member", verbose_name=_("carried by members"), blank=True, related_name="decisions"
    )
    group = models.ForeignKey(
        "groups.WorkingGroup",
        verbose_name=_("carried by working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    secretariat = models.BooleanField(_("carried by the secretariat"), default=False)
    due_date = models.DateField(_("by"), null=True, blank=True)
    by_next_summit = models.BooleanField(_("by the next summit"), default=False)
    principles = ParentalManyToManyField(
        "principles.Principle", verbose_name=_("principles"), blank=True, related_name="decisions"
    )
    status = models.CharField(
        _("status"), max_length=11, choices=DecisionStatus.choices, default=DecisionStatus.AGREED
    )

    objects = DecisionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("summit"), FieldPanel("meeting_group"), FieldPanel("date")],
            heading=_("Where it was agreed"),
        ),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("document_version"),
        MultiFieldPanel(
            [FieldPanel("members"), FieldPanel("group"), FieldPanel("secretariat")],
            heading=_("Who carries it"),
        ),
        FieldPanel("due_date"),
        FieldPanel("by_next_summit"),
        FieldPanel("principles"),
        FieldPanel("status"),
        InlinePanel("progress_notes", label=_("Progress")),
        FieldPanel("sources"),
        FieldPanel("confidence"),
        FieldPanel("confidence_note"),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        # What a decision derived from the records says it is ("Adopted: …"), as English
        # names it: such a decision has no title of its own.
        index.SearchField("heading", boost=3),
        index.SearchField("text"),
        index.FilterField("status"),
        index.AutocompleteField("translated_texts"),
    ]

    translatable = Translatable("decisions", key=None, fields=("title", "text", "confidence_note"))

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return reverse("decisions:detail", args=[self.pk])

    @property
    def heading(self) -> str:
        """What was agreed, in the language being read: the title, or, for a decision
        derived from the records, a sentence made of an interface string and the record's
        (translated) name."""
        if self.title:
            return self.title
        version = self.document_version
        if self.basis == DecisionBasis.ADOPTED and version is not None:
            return gettext("Adopted: %(document)s") % {"document": version.title}
        if self.basis == DecisionBasis.RENEWED and version is not None:
            return gettext("Charter renewed: %(version)s") % {"version": version.title}
        if self.basis == DecisionBasis.STARTED and self.group_id is not None:
            return gettext("Working group set up: %(group)s") % {"group": self.group.name}
        return gettext("Decision %(number)s") % {"number": self.pk}

    @property
    def latest_note(self):
        """Its latest public progress note, or None (from the notes read with it)."""
        notes = [note for note in self.progress_notes.all() if note.approved]
        return notes[-1] if notes else None

    @property
    def agreed_at(self):
        """The summit or the working group that agreed it."""
        return self.summit or self.meeting_group


class ProgressNoteQuerySet(models.QuerySet):
    def public(self):
        """Notes the secretariat recorded or approved; a representative's proposal waits."""
        return self.filter(approved=True)

    def proposed(self):
        return self.filter(approved=False)


class ProgressNote(Orderable, ClusterableModel):
    """What has become of a decision, as of a date, with what shows it."""

    decision = ParentalKey(Decision, on_delete=models.CASCADE, related_name="progress_notes")
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    documents = ParentalManyToManyField(
        "documents.Document", verbose_name=_("documents"), blank=True, related_name="+"
    )
    practices = ParentalManyToManyField(
        "practices.Practice", verbose_name=_("practices"), blank=True, related_name="+"
    )
    news = ParentalManyToManyField(
        "news.NewsItem", verbose_name=_("news"), blank=True, related_name="+"
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    approved = models.BooleanField(
        _("approved"),
        default=True,
        help_text=_("Shown to the public. A representative's proposal waits until approved."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ProgressNoteQuerySet.as_manager()

    panels = [
        FieldPanel("date"),
        FieldPanel("text"),
        FieldPanel("documents"),
        FieldPanel("practices"),
        FieldPanel("news"),
        FieldPanel("url"),
        FieldPanel("approved"),
    ]

    translatable = Translatable("progress_notes", key=None, fields=("text",))

    class Meta(Orderable.Meta):
        ordering = ["date", "sort_order"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"
