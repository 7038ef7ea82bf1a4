"""Reading a summit's decisions, and the writes of the members' workspace: a group lead
updates the decisions their group carries (status, progress notes shown at once); an
official of a member that carries a decision proposes a progress note, which waits for
the secretariat's approval, as a practice does. Every write is audited."""

import datetime

from django.db import transaction
from django.db.models import Q

from forum.core.services import audit_record, audit_snapshot

from .models import Decision, ProgressNote


def summit_decisions(summit) -> list[Decision]:
    """What a summit decided, each with its latest public progress note (`latest_note`),
    for the summit's page (decisions/summit_decisions.html): two queries. The summits app
    comes before this one and may not import it: its view reads the same through the
    relation, `summit.decisions.listed().with_progress()`."""
    return list(Decision.objects.of_summit(summit).listed().with_progress())


def decisions_for(user):
    """The decisions a person may act on in the workspace: all for the secretariat; those
    their member carries and those of the groups they lead for officials."""
    decisions = Decision.objects.listed()
    if user.is_secretariat:
        return decisions
    if not user.is_member_official:
        return decisions.none()
    led = user.group_memberships.filter(lead=True).values("group")
    return decisions.filter(Q(members=user.member_id) | Q(group__in=led)).distinct()


def can_update(user, decision) -> bool:
    """The secretariat, or a lead of the group that carries it."""
    if user.is_secretariat:
        return True
    return decision.group is not None and user.is_member_official and user.leads(decision.group)


def can_propose(user, decision) -> bool:
    """Anyone who may update it, or an official of a member that carries it."""
    if can_update(user, decision):
        return True
    return (
        user.is_member_official
        and user.member_id is not None
        and decision.members.filter(pk=user.member_id).exists()
    )


@transaction.atomic
def decision_set_status(*, actor, decision: Decision, status: str) -> Decision:
    if not can_update(actor, decision):
        raise PermissionError("Only the secretariat and the group's leads update a decision.")
    before = audit_snapshot(decision)
    decision.status = status
    decision.full_clean(validate_unique=False)
    decision.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="decision.status",
        obj=decision,
        before=before,
        after=audit_snapshot(decision),
    )
    return decision


@transaction.atomic
def progress_note_propose(
    *, actor, decision: Decision, date: datetime.date, text: str, url: str = ""
) -> ProgressNote:
    """A note from the secretariat or a lead of the carrying group is shown at once; one
    from a carrying member's official waits for the secretariat's approval."""
    if not can_propose(actor, decision):
        raise PermissionError("Only those who carry a decision report its progress.")
    note = ProgressNote(
        decision=decision,
        date=date,
        text=text,
        url=url,
        approved=can_update(actor, decision),
        proposed_by=actor,
    )
    note.full_clean()
    note.save()
    audit_record(actor=actor, action="progress_note.propose", obj=note, after=audit_snapshot(note))
    return note


@transaction.atomic
def progress_note_approve(*, actor, note: ProgressNote) -> ProgressNote:
    if not actor.is_secretariat:
        raise PermissionError("Only the secretariat approves progress notes.")
    before = audit_snapshot(note)
    note.approved = True
    note.save(update_fields=["approved"])
    audit_record(
        actor=actor,
        action="progress_note.approve",
        obj=note,
        before=before,
        after=audit_snapshot(note),
    )
    return note
