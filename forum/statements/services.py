"""The writes of the members' workspace: a member's representative drafts its statement on
a principle, revises it and submits it; the secretariat publishes it. Each publication is
a new revision; the earlier ones are kept. Every write is audited."""

import datetime

from django.db import transaction
from django.utils import timezone

from forum.core.permissions import can_edit_for_member
from forum.core.services import audit_record, audit_snapshot

from .models import Statement, StatementStatus


def open_draft(member, principle) -> Statement | None:
    return Statement.objects.open().filter(member=member, principle=principle).first()


@transaction.atomic
def statement_draft(
    *,
    actor,
    member,
    principle,
    text: str,
    written_on: datetime.date | None = None,
    practices=(),
    documents=(),
) -> Statement:
    """Write or revise the member's open draft on the principle (a submitted one goes back
    to draft when revised)."""
    if not can_edit_for_member(actor, member):
        raise PermissionError("Only the member's officials draft its statements.")
    statement = open_draft(member, principle) or Statement(member=member, principle=principle)
    before = audit_snapshot(statement) if statement.pk else None
    statement.text = text
    statement.written_on = written_on or timezone.localdate()
    statement.status = StatementStatus.DRAFT
    statement.drafted_by = actor
    statement.full_clean(validate_constraints=False)
    statement.save()
    statement.practices.set(practices)
    statement.documents.set(documents)
    statement.save()
    audit_record(
        actor=actor,
        action="statement.draft",
        obj=statement,
        before=before,
        after=audit_snapshot(statement),
    )
    return statement


@transaction.atomic
def statement_submit(*, actor, statement: Statement) -> Statement:
    if not can_edit_for_member(actor, statement.member):
        raise PermissionError("Only the member's officials submit its statements.")
    if statement.status != StatementStatus.DRAFT:
        raise ValueError("Only a draft is submitted.")
    before = audit_snapshot(statement)
    statement.status = StatementStatus.SUBMITTED
    statement.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="statement.submit",
        obj=statement,
        before=before,
        after=audit_snapshot(statement),
    )
    return statement


@transaction.atomic
def statement_publish(*, actor, statement: Statement) -> Statement:
    if not actor.is_secretariat:
        raise PermissionError("Only the secretariat publishes statements.")
    if statement.status != StatementStatus.SUBMITTED:
        raise ValueError("Only a submitted statement is published.")
    before = audit_snapshot(statement)
    statement.status = StatementStatus.PUBLISHED
    statement.save()
    audit_record(
        actor=actor,
        action="statement.publish",
        obj=statement,
        before=before,
        after=audit_snapshot(statement),
    )
    return statement
