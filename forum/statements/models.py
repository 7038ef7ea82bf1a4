"""How a member lives a principle: a short statement, written by the member's
representative, published by the secretariat, revised over the years.

Each row is one revision of one member's statement on one principle. A member has at
most one open draft per principle (drafted or submitted) and at most one current
published revision; every earlier published revision is kept, as it was written."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from forum.core.translation import Translatable, TranslatedInSearch


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")


OPEN = (StatementStatus.DRAFT, StatementStatus.SUBMITTED)


class StatementQuerySet(models.QuerySet):
    def current(self):
        """The published revision each member's statement on a principle stands at."""
        return self.filter(status=StatementStatus.PUBLISHED, current=True)

    def public(self):
        return self.current()

    def open(self):
        return self.filter(status__in=OPEN)

    def shown(self):
        """With the member, the principle and their public evidence, in two more queries
        whatever the number of statements (a member's or a principle's page reads
        `….statements.current().shown()` through the relation, without an import)."""
        return (
            self.select_related("member", "principle")
            .order_by("principle__position", "principle__name", "member__name")
            .prefetch_related(*evidence(Statement))
        )


def evidence(model) -> list:
    """What to prefetch for statements' evidence: the public practices and the documents
    (`evidence(principle.statements.model)` where this module is not imported)."""
    practice = model._meta.get_field("practices").related_model
    public = practice.objects.public().order_by("title")
    return [Prefetch("practices", queryset=public), "documents"]


class Statement(TranslatedInSearch, index.Indexed, ClusterableModel):
    """One revision of how a member applies a principle at home."""

    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    principle = models.ForeignKey(
        "principles.Principle",
        verbose_name=_("principle"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    text = models.TextField(
        _("statement"),
        max_length=2000,
        help_text=_("A short paragraph: how the member applies this principle at home."),
    )
    written_on = models.DateField(_("written on"))
    practices = ParentalManyToManyField(
        "practices.Practice", verbose_name=_("practices"), blank=True, related_name="+"
    )
    documents = ParentalManyToManyField(
        "documents.Document", verbose_name=_("documents"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatementStatus.choices,
        default=StatementStatus.DRAFT,
    )
    #: The published revision shown; earlier published revisions keep False.
    current = models.BooleanField(_("current"), default=False, editable=False)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    objects = StatementQuerySet.as_manager()

    panels = [
        FieldPanel("member"),
        FieldPanel("principle"),
        FieldPanel("written_on"),
        FieldPanel("text"),
        FieldPanel("practices"),
        FieldPanel("documents"),
        FieldPanel("status"),
    ]
    search_fields = [
        index.SearchField("text"),
        index.FilterField("status"),
        index.FilterField("current"),
        index.AutocompleteField("translated_texts"),
        index.RelatedFields("member", [index.SearchField("name")]),
        index.RelatedFields("principle", [index.SearchField("name")]),
    ]

    translatable = Translatable("statements", key=None, fields=("text",))

    class Meta:
        ordering = ["member", "principle", "-written_on", "-pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "principle"],
                condition=Q(current=True),
                name="statement_one_current",
            ),
            models.UniqueConstraint(
                fields=["member", "principle"],
                condition=Q(status__in=["draft", "submitted"]),
                name="statement_one_open",
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.principle} ({self.written_on:%Y})"

    def get_absolute_url(self):
        """Where it is shown: beside the other members' on its principle's page."""
        return f"{self.principle.get_absolute_url()}#statement-{self.member.iso_code.lower()}"

    def save(self, *args, **kwargs):
        """Published for the first time (in the workspace or in /cms/): it becomes the
        member's current statement on the principle, the one before it kept as a past
        revision."""
        if self.status == StatementStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            self.current = True
            Statement.objects.filter(
                member_id=self.member_id, principle_id=self.principle_id, current=True
            ).exclude(pk=self.pk).update(current=False)
        super().save(*args, **kwargs)

    @property
    def year(self) -> int:
        return self.written_on.year
