from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from forum.core.models import Sourced
from forum.core.translation import Translatable, TranslatedInSearch, in_every_language
from forum.summits.models import Illustrated


class WorkingGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=WorkingGroup.Status.ACTIVE)


class WorkingGroup(TranslatedInSearch, index.Indexed, ClusterableModel, Illustrated, Sourced):
    """A thematic working group, led by one member."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    other_names = models.CharField(_("other names"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    established = models.DateField(
        _("established"), null=True, blank=True, help_text=_("Month it was set up.")
    )
    established_summit = models.ForeignKey(
        "summits.Summit",
        verbose_name=_("set up at summit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="groups_established",
    )
    lead = models.ForeignKey(
        "members.Member",
        verbose_name=_("lead member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="groups_led",
    )
    focus = models.TextField(_("focus"))
    participants = ParentalManyToManyField(
        "members.Member", verbose_name=_("participants"), blank=True, related_name="groups"
    )

    objects = WorkingGroupQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("other_names"),
        FieldPanel("status"),
        FieldPanel("established"),
        FieldPanel("established_summit"),
        FieldPanel("lead"),
        FieldPanel("focus"),
        FieldPanel("participants"),
        InlinePanel("lead_history", label=_("Leads over time")),
        *Illustrated.image_panels,
        FieldPanel("sources"),
        FieldPanel("confidence"),
        FieldPanel("confidence_note"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("other_names"),
        index.SearchField("focus"),
        index.SearchField("lead_names"),
        index.AutocompleteField("name"),
        index.AutocompleteField("translated_texts"),
    ]

    translatable = Translatable(
        "working_groups",
        key="slug",
        fields=("name", "other_names", "focus", "confidence_note", "image_alt"),
    )

    class Meta:
        ordering = ["status", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.name

    def lead_names(self) -> str:
        """The names of the members that lead or led it, in every language: searching a
        member finds the groups it leads."""
        leads = {lead.member_id: lead.member for lead in self.lead_history.all()}
        if self.lead_id:
            leads[self.lead_id] = self.lead
        return in_every_language(list(leads.values()), "name")

    def get_absolute_url(self):
        return reverse("groups:detail", args=[self.slug])


class GroupLead(Orderable):
    """A member reported as leading a group for a period, with the source saying so."""

    group = ParentalKey(WorkingGroup, on_delete=models.CASCADE, related_name="lead_history")
    member = models.ForeignKey(
        "members.Member", verbose_name=_("member"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(_("period"), max_length=100)
    source = models.URLField(_("source"), max_length=500, blank=True)

    translatable = Translatable("group_leads", key="group__slug,sort_order", fields=("period",))

    class Meta(Orderable.Meta):
        verbose_name = _("lead")
        verbose_name_plural = _("leads over time")

    def __str__(self):
        return f"{self.member} ({self.period})"


class GroupMembership(models.Model):
    """A person taking part in a working group; the group's leads manage its workspace."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="group_memberships"
    )
    lead = models.BooleanField(_("leads the group"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group")
        ]
        verbose_name = _("group membership")

    def __str__(self):
        return f"{self.user} in {self.group}"


class GroupDraft(models.Model):
    """A members-only document a working group is writing; its lead opens it for a
    consultation, during which the group's members comment on its paragraphs."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        CLOSED = "closed", _("Consultation closed")

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="drafts"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), help_text=_("Separate paragraphs with a blank line."))
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("group draft")
        verbose_name_plural = _("group drafts")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workspace:group_workspace:draft", args=[self.group.slug, self.pk])

    @property
    def paragraphs(self) -> list[str]:
        """The text's paragraphs (separated by blank lines); comments point at them by
        number, counting from 1."""
        import re

        blocks = re.split(r"\n[ \t]*\n", self.text.replace("\r\n", "\n"))
        return [block.strip() for block in blocks if block.strip()]

    @property
    def in_consultation(self) -> bool:
        return self.status == self.Status.CONSULTATION


class DraftComment(models.Model):
    """A group member's comment on one paragraph of a draft in consultation."""

    draft = models.ForeignKey(
        GroupDraft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        "accounts.User",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    anchor = models.PositiveSmallIntegerField(
        _("paragraph"), help_text=_("The number of the paragraph commented on, from 1.")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["anchor", "created_at", "pk"]
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anchor__gte=1), name="draft_comment_anchor_from_1"
            )
        ]

    def __str__(self):
        return f"{self.draft} ¶{self.anchor}"
