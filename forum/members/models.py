from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from forum.core.models import Sourced, lines
from forum.core.translation import Translatable, TranslatedInSearch
from forum.summits.models import Illustrated


class MemberQuerySet(models.QuerySet):
    def in_joining_order(self):
        """In the order they joined: by the first day of the summit they joined at (or
        the day recorded, without a summit), then by name; by the year alone where
        neither is known. Those who joined at one summit are in alphabetical order."""
        day = Coalesce("joined_summit__start_date", "joined_on")
        return self.order_by("joined_year", day.asc(nulls_last=True), "name", "pk")

    def with_signatures(self):
        """Members with what they signed, newest first. Signatures belong to the documents
        app, which depends on this one: they are read through the relation it declares
        (`Member.signatures`), without importing it."""
        signature = self.model._meta.get_field("signatures").related_model
        return self.prefetch_related(
            Prefetch(
                "signatures",
                queryset=signature.objects.select_related("document", "version__document").order_by(
                    "-version__date", "-document__date", "document__slug", "pk"
                ),
            )
        )


class Member(TranslatedInSearch, index.Indexed, Illustrated, Sourced):
    """A member government of the forum."""

    name = models.CharField(_("country"), max_length=100)
    iso_code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, such as EE."))],
        help_text=_("ISO 3166-1 alpha-2, in capitals: EE, GB, KR…"),
    )
    government_body = models.CharField(
        _("government body"),
        max_length=255,
        blank=True,
        help_text=_("The body that takes part for this government under the current Charter."),
    )
    earlier_bodies = models.TextField(
        _("earlier bodies"), blank=True, help_text=_("One per line, with where it was named.")
    )
    founding = models.BooleanField(_("founding member"), default=False)
    joined_year = models.PositiveSmallIntegerField(_("year joined"))
    joined_on = models.DateField(_("date joined"), null=True, blank=True)
    joined_summit = models.ForeignKey(
        "summits.Summit",
        verbose_name=_("joined at summit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="new_members",
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = MemberQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("iso_code"),
        FieldPanel("government_body"),
        FieldPanel("earlier_bodies"),
        FieldPanel("founding"),
        FieldPanel("joined_year"),
        FieldPanel("joined_on"),
        FieldPanel("joined_summit"),
        FieldPanel("notes"),
        *Illustrated.image_panels,
        FieldPanel("sources"),
        FieldPanel("confidence"),
        FieldPanel("confidence_note"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("government_body"),
        index.AutocompleteField("name"),
        index.AutocompleteField("translated_texts"),
    ]

    translatable = Translatable(
        "members",
        key="iso_code",
        fields=(
            "name",
            "government_body",
            "earlier_bodies",
            "notes",
            "confidence_note",
            "image_alt",
        ),
    )

    class Meta:
        ordering = ["joined_year", "name"]
        verbose_name = _("member government")
        verbose_name_plural = _("member governments")

    def __str__(self):
        return self.name

    def latest_signatures(self, size: int) -> list:
        """Its signatures of the `size` documents it signed last (newest first), read
        from the documents list's index (a member may have signed tens of thousands).
        Signatures and documents belong to the documents app, which depends on this one:
        they are read through the relation it declares (`Member.signatures`)."""
        signature = self._meta.get_field("signatures").related_model
        document = signature._meta.get_field("document").related_model
        signed = signature.objects.filter(document=models.OuterRef("pk"), member=self)
        latest = list(
            document.objects.filter(models.Exists(signed))
            .order_by("-date", "type", "title")
            .values_list("pk", flat=True)[:size]
        )
        order = {pk: position for position, pk in enumerate(latest)}
        signatures = self.signatures.filter(document__in=latest).select_related(
            "document", "version__document"
        )
        return sorted(
            signatures,
            key=lambda s: (order[s.document_id], -(s.version.number if s.version else 0), s.pk),
        )

    def signed_per_year(self) -> list[tuple[int, int]]:
        """(year, how many documents it signed a version of that year), oldest first, in
        one query through the relation the documents app declares: the version's stored
        year, or the document's where the signature names no version (read for those
        rows only: joining every document instead takes 1.5 s, not 60 ms, for a member
        with 50,000 signatures)."""
        signature = self._meta.get_field("signatures").related_model
        document = signature._meta.get_field("document").related_model
        document_year = document.objects.filter(pk=models.OuterRef("document_id")).values(
            year=ExtractYear("date")
        )
        rows = (
            self.signatures.annotate(
                year=models.Case(
                    models.When(version=None, then=models.Subquery(document_year)),
                    default=models.F("version__year"),
                    output_field=models.IntegerField(),
                )
            )
            .values("year")
            .annotate(n=models.Count("document", distinct=True))
            .order_by("year")
        )
        return [(row["year"], row["n"]) for row in rows]

    def shared_per_year(self) -> list[tuple[int, int]]:
        """(year, how many of its practices the public sees were published that year),
        oldest first: one query, through the relation the practices app declares."""
        rows = (
            self.practices.public()
            .exclude(published_at=None)
            .annotate(year=ExtractYear("published_at"))
            .values("year")
            .annotate(n=models.Count("pk"))
            .order_by("year")
        )
        return [(row["year"], row["n"]) for row in rows]

    def get_absolute_url(self):
        return reverse("members:detail", args=[self.iso_code.lower()])

    @property
    def earlier_body_list(self) -> list[str]:
        return lines(self.earlier_bodies)


class DirectoryEntry(models.Model):
    """What a person says about themselves in the directory of digital leaders: what they
    can help with, and the contact details they choose to show to members. Only ever
    shown in the members' workspace, never to the public."""

    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="directory_entry",
    )
    help_with = models.TextField(
        _("what I can help with"),
        blank=True,
        max_length=2000,
        help_text=_("Topics, projects or experience other members can ask you about."),
    )
    bio = models.TextField(_("about me"), blank=True, max_length=4000)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email_shown = models.BooleanField(
        _("show my email address"),
        default=False,
        help_text=_("Your account's email address, shown with your other contact details."),
    )
    other_contact = models.TextField(
        _("other ways to reach me"),
        blank=True,
        max_length=1000,
        help_text=_("For example an assistant's address or a messaging handle."),
    )
    show_contact_to_members = models.BooleanField(
        _("show my contact details to members"),
        default=False,
        help_text=_(
            "Only officials of member governments and the secretariat, signed in to the "
            "workspace, can see the directory. Nothing here is ever public."
        ),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")

    def __str__(self):
        return str(self.user)

    @property
    def has_contact_details(self) -> bool:
        return bool(self.phone or self.email_shown or self.other_contact)


class Post(models.Model):
    """A position a person has held or holds, such as Government CIO of Estonia: their
    roles over time, shown in the directory."""

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="directory_posts",
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("For example: Government CIO.")
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member government"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_posts",
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty if current."))

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="post_ends_after_it_starts",
            )
        ]

    def __str__(self):
        if self.member_id:
            return f"{self.title}, {self.member}"
        return self.title

    @property
    def current(self) -> bool:
        return self.end is None
