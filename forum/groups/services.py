"""Group workspaces: drafts, their status and the consultation's comments."""

from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from forum.core.services import audit_record, audit_snapshot
from forum.notifications.models import NotificationKind
from forum.notifications.services import notification_send

from .models import DraftComment, GroupDraft, GroupMembership, WorkingGroup


def groups_for(user):
    """The groups whose workspace a person may open: their own; all for the
    secretariat."""
    groups = WorkingGroup.objects.order_by("status", "name")
    if user.is_secretariat:
        return groups
    return groups.filter(memberships__user=user).distinct()


@transaction.atomic
def draft_create(*, actor, group, title, text) -> GroupDraft:
    if not actor.leads(group):
        raise PermissionError("Only the group's leads create drafts.")
    draft = GroupDraft.objects.create(group=group, title=title, text=text, created_by=actor)
    audit_record(actor=actor, action="group_draft.create", obj=draft, after=audit_snapshot(draft))
    return draft


@transaction.atomic
def draft_update(*, actor, draft, title, text) -> GroupDraft:
    if not actor.leads(draft.group):
        raise PermissionError("Only the group's leads edit drafts.")
    before = audit_snapshot(draft)
    draft.title, draft.text = title, text
    draft.save(update_fields=["title", "text", "updated_at"])
    audit_record(
        actor=actor,
        action="group_draft.update",
        obj=draft,
        before=before,
        after=audit_snapshot(draft),
    )
    return draft


@transaction.atomic
def draft_set_status(*, actor, draft, status) -> GroupDraft:
    """Open a consultation (from a draft, or again once closed) or close it."""
    if not actor.leads(draft.group):
        raise PermissionError("Only the group's leads open and close consultations.")
    status = GroupDraft.Status(status)
    if status == draft.status:
        return draft
    before = audit_snapshot(draft)
    draft.status = status
    draft.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=f"group_draft.{status.value}",
        obj=draft,
        before=before,
        after=audit_snapshot(draft),
    )
    return draft


def can_comment(user, draft) -> bool:
    return draft.in_consultation and user.belongs_to(draft.group)


@transaction.atomic
def comment_create(*, author, draft, anchor, text) -> DraftComment:
    """A member's comment on one paragraph of a draft in consultation; the group's other
    members are told."""
    if not can_comment(author, draft):
        raise PermissionError("Only the group's members comment, during a consultation.")
    if not 1 <= anchor <= len(draft.paragraphs):
        raise ValueError("No such paragraph.")
    comment = DraftComment.objects.create(draft=draft, author=author, anchor=anchor, text=text)
    audit_record(
        actor=author, action="draft_comment.create", obj=comment, after=audit_snapshot(comment)
    )
    members = [
        membership.user
        for membership in GroupMembership.objects.filter(group=draft.group).select_related("user")
    ]
    notification_send(
        recipients=members,
        kind=NotificationKind.DRAFT_COMMENT,
        subject=_("New comment on “%(title)s”, paragraph %(number)d")
        % {"title": draft.title, "number": anchor},
        body=_("%(name)s commented:") % {"name": author} + "\n\n" + Truncator(text).chars(500),
        url=f"{draft.get_absolute_url()}#p-{anchor}",
        actor=author,
    )
    return comment
