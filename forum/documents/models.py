import hashlib
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from forum.core.models import Attachment, Sourced
from forum.core.translation import Translatable, TranslatedInSearch, in_every_language
from forum.core.uploads import attachment_upload_to, validate_document_file_field


class DocumentType(models.TextChoices):
    CHARTER = "charter", _("Charter")
    DECLARATION = "declaration", _("Declaration")
    FRAMEWORK = "framework", _("Framework")
    COMMUNIQUE = "communique", _("Communiqué")
    REPORT = "report", _("Report")
    EXTERNAL = "external", _("External publication")
    OTHER = "other", _("Other")


#: The types whose members commit to them: only these are ever "in force". A communiqué, a
#: report or another's publication is published, and stays so until withdrawn or superseded.
BINDING_TYPES = frozenset({DocumentType.CHARTER, DocumentType.DECLARATION, DocumentType.FRAMEWORK})


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    PUBLISHED = "published", pgettext_lazy("document status", "Published")
    SUPERSEDED = "superseded", _("Superseded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """What the public reads: every key document (there are no drafts; a withdrawn
        document stays on the record, marked as such)."""
        return self.all()

    def listed(self):
        """Documents in the order the public list shows them: newest month first, then
        by type and title (which keeps the seed page's order within a month)."""
        return self.select_related("summit", "drafted_by_group").order_by("-date", "type", "title")

    def of_type(self, document_type: str):
        return self.filter(type=document_type)

    def signed_by(self, member):
        return self.filter(signatures__member=member).distinct()

    def keep_first_dates(self) -> int:
        """Set each document's `first_date` to its first version's date (its own date while
        it has none): what the list sorts by, oldest first. One UPDATE, whatever the
        number of documents."""
        first = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("date", "number")
        return self.update(first_date=Coalesce(Subquery(first.values("date")[:1]), "date"))


class Document(TranslatedInSearch, index.Indexed, ClusterableModel, Sourced):
    """A key document of the forum: a charter, declaration, framework, communiqué…"""

    slug = models.SlugField(_("slug"), unique=True, max_length=100)
    title = models.CharField(_("title"), max_length=255)
    type = models.CharField(_("type"), max_length=12, choices=DocumentType.choices)
    date = models.DateField(
        _("date"), help_text=_("Month and year; use the first day of the month.")
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("The short text shown in the list of key documents."),
    )
    summary = models.TextField(_("summary"), blank=True)
    #: Kept by keep_first_dates() whenever the document or one of its versions is saved.
    first_date = models.DateField(_("date of the first version"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DocumentStatus.choices,
        default=DocumentStatus.IN_FORCE,
        help_text=_(
            "Charters, declarations and frameworks are in force; communiqués, reports and "
            "external publications are published."
        ),
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    status_note = models.TextField(
        _("status notice"),
        blank=True,
        help_text=_("Why it was withdrawn or superseded, shown on the document's page."),
    )
    summit = models.ForeignKey(
        "summits.Summit",
        verbose_name=_("summit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    drafted_by_group = models.ForeignKey(
        "groups.WorkingGroup",
        verbose_name=_("drafted by working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    drafted_by = models.CharField(
        _("drafted by (other)"),
        max_length=255,
        blank=True,
        help_text=_("Who drafted it, where that is not one of the working groups."),
    )
    adoption = models.TextField(
        _("adoption"), blank=True, help_text=_("How it was adopted, signed or presented.")
    )
    notes = models.TextField(_("notes"), blank=True)
    principles = ParentalManyToManyField(
        "principles.Principle", verbose_name=_("principles"), blank=True, related_name="documents"
    )

    objects = DocumentQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("type"),
        FieldPanel("date"),
        FieldPanel("introduction"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("superseded_by"), FieldPanel("status_note")],
            heading=_("Status"),
        ),
        InlinePanel("versions", label=_("Versions"), min_num=1),
        InlinePanel("attachments", label=_("Attachments")),
        MultiFieldPanel(
            [
                FieldPanel("summit"),
                FieldPanel("drafted_by_group"),
                FieldPanel("drafted_by"),
                FieldPanel("adoption"),
            ],
            heading=_("Origin and adoption"),
        ),
        FieldPanel("principles"),
        InlinePanel("signatures", label=_("Signatories")),
        FieldPanel("notes"),
        MultiFieldPanel(
            [FieldPanel("sources"), FieldPanel("confidence"), FieldPanel("confidence_note")],
            heading=_("Sources"),
        ),
    ]
    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("introduction", boost=2),
        index.SearchField("summary", boost=2),
        index.RelatedFields(
            "versions",
            [index.SearchField("text"), index.SearchField("title"), index.SearchField("summary")],
        ),
        index.RelatedFields("attachments", [index.SearchField("extracted_text")]),
        index.AutocompleteField("title"),
        index.FilterField("type"),
        index.FilterField("date"),
        index.FilterField("status"),
        index.AutocompleteField("translated_texts"),
        index.SearchField("signatory_names"),
    ]

    translatable = Translatable(
        "documents",
        key="slug",
        fields=(
            "title",
            "introduction",
            "summary",
            "status_note",
            "drafted_by",
            "adoption",
            "notes",
            "confidence_note",
        ),
    )

    class Meta:
        ordering = ["-date", "type", "title"]
        # The list's order: its first page is read from the index, not sorted.
        indexes = [
            models.Index(fields=["-date", "type", "title"], name="document_list_order"),
            # Oldest first: by the date of each document's first version.
            models.Index(fields=["first_date", "type", "title"], name="document_oldest_order"),
            # The latest documents of a summit or a group, on their pages.
            models.Index(fields=["summit", "-date", "type", "title"], name="document_summit_order"),
            models.Index(
                fields=["drafted_by_group", "-date", "type", "title"], name="document_group_order"
            ),
        ]
        verbose_name = _("key document")
        verbose_name_plural = _("key documents")

    def __str__(self):
        return self.title

    def clean(self):
        # "In force" and "published" say the same of two kinds of document: the one that
        # fits the type is kept, whichever was chosen.
        current = {DocumentStatus.IN_FORCE, DocumentStatus.PUBLISHED}
        if self.status in current:
            self.status = DocumentStatus.IN_FORCE if self.binds else DocumentStatus.PUBLISHED

    def save(self, *args, **kwargs):
        if self.first_date is None:
            self.first_date = self.date
        super().save(*args, **kwargs)  # with the versions edited alongside, in /cms/
        Document.objects.filter(pk=self.pk).keep_first_dates()

    @property
    def binds(self) -> bool:
        """Whether members commit to it (a charter, declaration or framework)."""
        return self.type in BINDING_TYPES

    @property
    def is_external(self) -> bool:
        return self.type == DocumentType.EXTERNAL

    def translated_parts(self):
        return list(self.versions.all())

    def signatory_names(self) -> str:
        """The names of the members that signed it, in every language: searching a member
        finds what it signed. (Records indexed in bulk may carry them already.)"""
        if "_signatory_names" in self.__dict__:
            return self._signatory_names
        members = {signature.member_id: signature.member for signature in self.signatures.all()}
        return in_every_language(list(members.values()), "name")

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.slug])


class TextKind(models.TextChoices):
    OFFICIAL = "official", _("The official text, word for word")
    SUMMARY = "summary", _("The secretariat's summary of the text")


class TextFormat(models.TextChoices):
    HTML = "html", _("web page")
    PDF = "pdf", _("PDF")
    DOCUMENT = "document", _("word-processor file")


class DocumentVersion(Orderable):
    """One numbered version of a document: its text as of a date, and what changed.

    Its `text` is either the official text word for word or the secretariat's summary of
    it (`text_kind`): only the official text is called authoritative, gets a checksum and
    is compared as a text. Where the official text is published is said by the
    `official_*` fields, shown first on the page of a version that does not hold it."""

    document = ParentalKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(
        _("title of this version"), max_length=255, help_text=_("Such as “D7 Charter”.")
    )
    former_slug = models.SlugField(
        _("former address"),
        max_length=100,
        blank=True,
        help_text=_("An older address of this version, which now leads here."),
    )
    date = models.DateField(_("date"), help_text=_("Month and year; the first day of the month."))
    #: The date's year, kept so that lists filter and count by year with an index.
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    summit = models.ForeignKey(
        "summits.Summit",
        verbose_name=_("adopted or presented at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="document_versions",
    )
    change_note = models.TextField(_("what changed"), blank=True)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Plain text: paragraphs separated by a blank line."),
    )
    text_kind = models.CharField(
        _("the text above is"),
        max_length=10,
        choices=TextKind.choices,
        default=TextKind.SUMMARY,
        help_text=_(
            "Only the official text, word for word, is called authoritative, gets a "
            "checksum and is compared word by word."
        ),
    )
    text_note = models.TextField(
        _("note on the text"),
        blank=True,
        help_text=_("Say here if the text is a summary rather than the signed wording."),
    )
    language = models.CharField(
        _("authoritative language"),
        max_length=10,
        default="en",
        help_text=_("Language of the signed text. Other languages are courtesy translations."),
    )
    summary = models.TextField(
        _("summary of this version"),
        blank=True,
        help_text=_(
            "What this version says, in the secretariat's words. Left empty, the current "
            "version shows the document's summary."
        ),
    )
    official_publisher = models.CharField(
        _("publisher of the official text"),
        max_length=255,
        blank=True,
        help_text=_("Who publishes the official text, such as “Government of Canada”."),
    )
    official_url = models.URLField(
        _("address of the official text"),
        max_length=500,
        blank=True,
        help_text=_("Where the publisher publishes it. Leave empty if no source gives it."),
    )
    official_language = models.CharField(
        _("language of the official text"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
    )
    official_format = models.CharField(
        _("format of the official text"), max_length=10, blank=True, choices=TextFormat.choices
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("date"),
        FieldPanel("summit"),
        FieldPanel("change_note"),
        FieldPanel("summary"),
        FieldPanel("text"),
        FieldPanel("text_kind"),
        FieldPanel("text_note"),
        FieldPanel("language"),
        MultiFieldPanel(
            [
                FieldPanel("official_publisher"),
                FieldPanel("official_url"),
                FieldPanel("official_language"),
                FieldPanel("official_format"),
            ],
            heading=_("Where the official text is"),
        ),
        FieldPanel("former_slug"),
    ]

    translatable = Translatable(
        "document_versions",
        key="document__slug,number",
        fields=("title", "change_note", "summary", "text", "text_note", "official_publisher"),
    )

    class Meta(Orderable.Meta):
        # "Has this document a version of this year": lists filtered by year.
        indexes = [models.Index(fields=["document", "year"], name="version_document_year")]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_version_number")
        ]
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    def __str__(self):
        return f"{self.title} (v{self.number})"

    def save(self, *args, **kwargs):
        self.year = self.date.year
        super().save(*args, **kwargs)
        Document.objects.filter(pk=self.document_id).keep_first_dates()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        Document.objects.filter(pk=self.document_id).keep_first_dates()
        return result

    def search_record(self):
        """A version is searched as part of its document."""
        return self.document

    def get_absolute_url(self):
        return reverse("documents:version", args=[self.document.slug, self.number])

    @property
    def holds_text(self) -> bool:
        return bool(self.text.strip())

    @property
    def is_official_text(self) -> bool:
        """Whether the site holds this version's official text, word for word: the only
        text called authoritative, given a checksum and compared as a text."""
        return self.holds_text and self.text_kind == TextKind.OFFICIAL

    @property
    def official_host(self) -> str:
        """The host of the official text's address: what the page shows of it."""
        return urlsplit(self.official_url).hostname or self.official_url

    @property
    def canonical_text(self) -> str:
        return canonical_text(self.text)

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.canonical_text.encode("utf-8")).hexdigest()


def canonical_text(text: str) -> str:
    """The text whose SHA-256 the site publishes: Unicode NFC, LF line endings, no
    trailing spaces on lines, no trailing blank lines, one final newline."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    body = "\n".join(lines).strip("\n")
    return body + "\n" if body else ""


class Signature(Orderable):
    """A member's signature, endorsement or support of a document."""

    class How(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        REMOTE = "remote", _("remotely")
        UNKNOWN = "unknown", _("not recorded")

    class Act(models.TextChoices):
        SIGNED = "signed", _("Signed")
        ADOPTED = "adopted", _("Adopted")
        ENDORSED = "endorsed", _("Endorsed")
        SUPPORTED = "supported", _("Supported")

    document = ParentalKey(Document, on_delete=models.CASCADE, related_name="signatures")
    version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    act = models.CharField(_("act"), max_length=10, choices=Act.choices, default=Act.SIGNED)
    date = models.DateField(_("date"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=255, blank=True)
    how = models.CharField(_("how"), max_length=10, choices=How.choices, default=How.UNKNOWN)
    note = models.TextField(_("note"), blank=True)

    translatable = Translatable(
        "signatures",
        key="document__slug,version__number,member__iso_code,sort_order",
        fields=("note",),
    )

    class Meta(Orderable.Meta):
        # "Has this member signed this document": lists filtered by member, newest first.
        indexes = [models.Index(fields=["document", "member"], name="signature_document_member")]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return f"{self.member} – {self.get_act_display()}"


class DocumentAttachment(Orderable, Attachment):
    """A file of a document (PDF, ODT or DOCX) in one language, with its extracted text
    for search. Files are checked by content and size before they are stored
    (forum.core.uploads)."""

    document = ParentalKey(Document, on_delete=models.CASCADE, related_name="attachments")
    version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(
        _("file"),
        upload_to=attachment_upload_to,
        max_length=255,
        validators=[validate_document_file_field],
    )
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
