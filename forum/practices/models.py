"""Practices: case studies that member governments share with each other and, once the
secretariat publishes them, with the public (or with members only).

A practice belongs to one member government. Its officials (representatives and group
leads) draft, edit and submit it; the secretariat publishes it or returns it with a
comment. Every published state is kept as a revision. Once it is published, what its
officials change waits for the secretariat as a pending revision: the public and other
members read the published version until the secretariat publishes the change.
"""

import posixpath
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from forum.core.models import Attachment, lines
from forum.core.permissions import can_edit_for_member
from forum.core.translation import Translatable, TranslatedInSearch
from forum.core.uploads import EXTENSIONS, sanitise_filename, validate_document_file_field

UPLOAD_DIR = "practices"
#: Slugs that would clash with the workspace's own addresses.
RESERVED_SLUGS = {"new"}


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")


class RevisionState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for review")
    RETURNED = "returned", _("Returned for changes")


#: The states of a change of a published practice that is not published (yet).
OPEN_REVISION = (RevisionState.PENDING, RevisionState.RETURNED)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone: published on the public site")
    MEMBERS = "members", _("Members only: officials of member governments")


#: States in which a practice's editors may submit it.
SUBMITTABLE = {PracticeStatus.DRAFT, PracticeStatus.RETURNED}
#: States from which the secretariat may publish a practice.
PUBLISHABLE = {PracticeStatus.DRAFT, PracticeStatus.SUBMITTED, PracticeStatus.RETURNED}
#: States from which the secretariat may return a practice.
RETURNABLE = {PracticeStatus.SUBMITTED, PracticeStatus.PUBLISHED}

_url_validator = URLValidator(schemes=["http", "https"])


WEB_SCHEMES = ("https://", "http://")


def validate_links(value: str) -> None:
    """One web address (http or https) per line; blank lines are fine."""
    wrong = []
    for line in lines(value or ""):
        try:
            _url_validator(line)
        except ValidationError:
            wrong.append(line)
    if wrong:
        raise ValidationError(
            _(
                "Put one web address starting with https:// or http:// on each line. "
                "These are not: %(lines)s"
            ),
            code="invalid_links",
            params={"lines": ", ".join(wrong[:5])},
        )


def _is_official(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_member_official)


class PracticeQuerySet(models.QuerySet):
    """Who sees what. Every filter here is on a field indexed with FilterField, so these
    querysets can be given to Wagtail's search backend as they are."""

    def published(self):
        return self.filter(status=PracticeStatus.PUBLISHED)

    def public(self):
        return self.filter(status=PracticeStatus.PUBLISHED, visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """The public sees public published practices; officials of members also the
        members-only ones and every practice of their own member; the secretariat all."""
        if not _is_official(user):
            return self.public()
        if user.is_secretariat:
            return self.all()
        return self.filter(Q(status=PracticeStatus.PUBLISHED) | Q(member=user.member_id))

    def with_change_state(self):
        """Each practice with `change_state`: the state of its officials' change waiting
        for review or returned to them (None without one)."""
        changes = PracticeRevision.objects.open().filter(practice=OuterRef("pk"))
        return self.annotate(change_state=Subquery(changes.values("state")[:1]))

    def editable_by(self, user):
        """The practices a person may edit: their own member's, or all for the
        secretariat."""
        if not _is_official(user):
            return self.none()
        if user.is_secretariat:
            return self.all()
        return self.filter(member=user.member_id)


class TaggedPractice(TaggedItemBase):
    """A theme given to a practice (django-taggit's tags, through this table so that
    themes can be counted with joins)."""

    content_object = models.ForeignKey(
        "Practice", on_delete=models.CASCADE, related_name="tagged_themes"
    )

    class Meta:
        verbose_name = _("theme of a practice")
        verbose_name_plural = _("themes of practices")


class Practice(TranslatedInSearch, index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    summary = models.TextField(
        _("summary"),
        max_length=1000,
        blank=True,
        help_text=_("Two or three sentences: what was done, and what came of it."),
    )
    problem = models.TextField(
        _("the problem"), blank=True, help_text=_("What needed solving, and for whom.")
    )
    approach = models.TextField(
        _("the approach"), blank=True, help_text=_("What was done, how, and with whom.")
    )
    results = models.TextField(
        _("results"), blank=True, help_text=_("What changed; figures where there are some.")
    )
    lessons = models.TextField(
        _("lessons learned"),
        blank=True,
        help_text=_("What others should know before doing the same."),
    )
    links = models.TextField(
        _("links"),
        blank=True,
        validators=[validate_links],
        help_text=_("One web address per line, starting with https://."),
    )
    principles = models.ManyToManyField(
        "principles.Principle",
        verbose_name=_("principles"),
        blank=True,
        related_name="practices",
    )
    themes = TaggableManager(
        verbose_name=_("themes"),
        through=TaggedPractice,
        blank=True,
        help_text=_("Separate themes with commas: open data, digital identity."),
    )
    group = models.ForeignKey(
        "groups.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member government"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    authors = models.ManyToManyField(
        "accounts.User",
        verbose_name=_("authors"),
        blank=True,
        related_name="practices_authored",
    )
    visibility = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PracticeStatus.choices,
        default=PracticeStatus.DRAFT,
        db_index=True,
    )
    return_comment = models.TextField(
        _("comment from the secretariat"),
        blank=True,
        help_text=_("Why the practice was returned, and what to change."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PracticeQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("problem"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.AutocompleteField("title"),
        index.RelatedFields("member", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("visibility"),
        index.FilterField("member"),
        index.FilterField("published_at"),
        index.AutocompleteField("translated_texts"),
    ]

    translatable = Translatable(
        "practices",
        key=None,
        fields=("title", "summary", "problem", "approach", "results", "lessons"),
    )

    class Meta:
        ordering = ["-published_at", "-updated_at", "-pk"]
        # The public list, newest first: read from the index, not sorted.
        indexes = [
            models.Index(
                fields=["status", "visibility", "-published_at", "-updated_at"],
                name="practice_public_order",
            )
        ]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The public address (only published public practices are found there)."""
        return reverse("practices:detail", args=[self.slug])

    def get_workspace_url(self):
        return reverse("workspace:practices_ws:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    @property
    def is_public(self) -> bool:
        return self.is_published and self.visibility == Visibility.PUBLIC

    @property
    def link_list(self) -> list[str]:
        """The web addresses (http, https) of `links`: whatever else got in behind the
        form's back is never made a link."""
        return [line for line in lines(self.links) if line.lower().startswith(WEB_SCHEMES)]

    @property
    def open_change(self) -> "PracticeRevision | None":
        """Its officials' change waiting for review or returned to them, if any."""
        return self.revisions.open().first()

    def change_needs_review(self, user) -> bool:
        """Whether what `user` changes waits for the secretariat instead of applying at
        once: the changes of a published practice by its member's officials do. The
        secretariat's own edits are the moderator's and apply at once."""
        return self.is_published and not (_is_official(user) and user.is_secretariat)

    def can_view(self, user) -> bool:
        if self.is_public:
            return True
        if not _is_official(user):
            return False
        return user.is_secretariat or self.is_published or user.member_id == self.member_id

    def can_edit(self, user) -> bool:
        return can_edit_for_member(user, self.member)

    def can_submit(self, user) -> bool:
        return self.can_edit(user) and self.status in SUBMITTABLE

    def can_publish(self, user) -> bool:
        """The secretariat publishes a practice, or the change waiting on a published one."""
        if not (_is_official(user) and user.is_secretariat):
            return False
        if self.is_published:
            change = self.open_change
            return change is not None and change.is_pending
        return self.status in PUBLISHABLE

    def can_return(self, user) -> bool:
        return _is_official(user) and user.is_secretariat and self.status in RETURNABLE


def practice_attachment_upload_to(instance, filename: str) -> str:
    """practices/<random>/<safe-name>.<type>: the random folder keeps the files of
    members-only practices from being found by guessing names (they are only ever served
    through the permission-checked views)."""
    extension = posixpath.splitext(filename)[1].lower()
    by_extension = {ext: content_type for content_type, ext in EXTENSIONS.items()}
    content_type = by_extension.get(extension) or instance.content_type
    return posixpath.join(
        UPLOAD_DIR, secrets.token_hex(8), sanitise_filename(filename, content_type)
    )


class PracticeAttachment(Attachment):
    """A file of a practice (PDF, ODT or DOCX), checked by content and size; or a file
    added by a change waiting for review, which is not the practice's (and not served
    with it) until the secretariat publishes the change."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    revision = models.ForeignKey(
        "PracticeRevision",
        verbose_name=_("change waiting for review"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="new_attachments",
    )
    title = models.CharField(_("title of the file"), max_length=255, blank=True)
    file = models.FileField(
        _("file"),
        upload_to=practice_attachment_upload_to,
        max_length=255,
        validators=[validate_document_file_field],
    )
    uploaded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(practice__isnull=False, revision__isnull=True)
                | Q(practice__isnull=True, revision__isnull=False),
                name="practice_attachment_of_practice_or_change",
            )
        ]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class PracticeRevisionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=RevisionState.PUBLISHED)

    def open(self):
        return self.filter(state__in=OPEN_REVISION)


class PracticeRevision(models.Model):
    """One published state of a practice: what it said, who made it so, and when.

    Or a change to a published practice by its member's officials, not published yet:
    waiting for the secretariat (pending) or returned to them with a comment. The
    practice itself, what everyone reads, stays as it was published until the
    secretariat publishes the change: its values and files (the attachments that point
    here) then replace the practice's, and it becomes the practice's latest published
    revision. A practice has one such change at most; its officials edit it until then.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="revisions")
    #: Published revisions only, in order; a change gets its number once published.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    snapshot = models.JSONField(_("content"))
    state = models.CharField(
        _("status"),
        max_length=10,
        choices=RevisionState.choices,
        default=RevisionState.PUBLISHED,
    )
    #: A change's values, as the services take them (relations by primary key), with
    #: the practice's files it removes.
    values = models.JSONField(_("changed values"), null=True, blank=True)
    comment = models.TextField(_("comment from the secretariat"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    objects = PracticeRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="one_revision_number"),
            models.UniqueConstraint(
                fields=["practice"],
                condition=Q(state__in=OPEN_REVISION),
                name="one_open_change",
            ),
            models.CheckConstraint(
                condition=Q(state=RevisionState.PUBLISHED, number__isnull=False)
                | Q(state__in=OPEN_REVISION, number__isnull=True, values__isnull=False),
                name="published_revisions_numbered",
            ),
        ]
        verbose_name = _("revision of a practice")
        verbose_name_plural = _("revisions of practices")

    def __str__(self):
        return f"{self.practice} #{self.number or '…'}"

    @property
    def is_pending(self) -> bool:
        return self.state == RevisionState.PENDING
