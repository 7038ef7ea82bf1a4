"""Every write to practices goes through these functions: they check who may do it,
validate, save, record the write in the audit log and tell the people concerned.

Views, the API and commands call them with keyword arguments only. They raise
PermissionDenied when the actor may not do this, and ValidationError when the values or
the practice's state do not allow it.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.search import index

from forum.core.permissions import can_edit_for_member
from forum.core.services import audit_record
from forum.core.uploads import validate_document_file
from forum.groups.models import WorkingGroup
from forum.notifications.models import NotificationKind
from forum.notifications.services import notification_send
from forum.principles.models import Principle

from .models import (
    PUBLISHABLE,
    RESERVED_SLUGS,
    RETURNABLE,
    SUBMITTABLE,
    Practice,
    PracticeAttachment,
    PracticeRevision,
    PracticeStatus,
    RevisionState,
    Visibility,
)

#: The text fields a practice's editors write.
TEXT_FIELDS = ("title", "summary", "problem", "approach", "results", "lessons", "links")
#: What a practice needs before it can be submitted or published.
REQUIRED_TO_SUBMIT = ("summary", "problem", "approach", "results")


def practice_snapshot(practice: Practice) -> dict:
    """What a practice says, JSON-safe: kept in revisions and in the audit log."""
    return {
        **{name: getattr(practice, name) for name in TEXT_FIELDS},
        "slug": practice.slug,
        "status": practice.status,
        "visibility": practice.visibility,
        "member": practice.member.iso_code if practice.member_id else None,
        "member_name": practice.member.name if practice.member_id else None,
        "group": practice.group.slug if practice.group_id else None,
        "group_name": practice.group.name if practice.group_id else None,
        "return_comment": practice.return_comment,
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
        **(
            {
                "principles": [p.name for p in practice.principles.all()],
                "themes": sorted(tag.name for tag in practice.themes.all()),
                "authors": [str(person) for person in practice.authors.all()],
                "attachments": [
                    {"title": a.title, "file": a.filename} for a in practice.attachments.all()
                ],
            }
            if practice.pk
            else {}
        ),
    }


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "practice"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Practice.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _check_authors(member, authors) -> None:
    strangers = [person for person in authors if person.member_id != member.pk]
    if strangers:
        raise ValidationError(
            {
                "authors": _("Authors must be officials of %(member)s: %(people)s is not.")
                % {"member": member, "people": ", ".join(map(str, strangers))}
            }
        )


def _add_attachment(
    *, actor, practice: Practice | None, file: UploadedFile, title: str = "", revision=None
):
    content_type = validate_document_file(file)
    attachment = PracticeAttachment(
        practice=practice,
        revision=revision,
        title=title.strip(),
        file=file,
        content_type=content_type,
        size=file.size,
        uploaded_by=actor,
    )
    attachment.full_clean()
    attachment.save()
    return attachment


def _save_relations(
    *, actor, practice, principles, themes, authors, new_attachment, attachment_title
):
    if principles is not None:
        practice.principles.set(principles)
    if themes is not None:
        practice.themes.set([name.strip() for name in themes if name.strip()], clear=False)
    if authors is not None:
        practice.authors.set(authors)
    if new_attachment is not None:
        _add_attachment(actor=actor, practice=practice, file=new_attachment, title=attachment_title)


def _delete_attachment(attachment: PracticeAttachment) -> None:
    attachment.file.delete(save=False)
    attachment.delete()


def _reindex(practice: Practice) -> None:
    """The search index reads the themes and member too, which are saved after the
    practice itself: index it again once everything is in place."""
    index.insert_or_update_object(practice)


def _next_number(practice: Practice) -> int:
    return (practice.revisions.aggregate(last=Max("number"))["last"] or 0) + 1


def _add_revision(*, actor, practice: Practice) -> PracticeRevision:
    return PracticeRevision.objects.create(
        practice=practice,
        number=_next_number(practice),
        snapshot=practice_snapshot(practice),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def practice_create(
    *,
    actor,
    member,
    title: str,
    summary: str = "",
    problem: str = "",
    approach: str = "",
    results: str = "",
    lessons: str = "",
    links: str = "",
    visibility: str = Visibility.MEMBERS,
    group=None,
    principles: Iterable | None = None,
    themes: Iterable[str] | None = None,
    authors: Iterable | None = None,
    new_attachment: UploadedFile | None = None,
    attachment_title: str = "",
) -> Practice:
    """A new draft practice of `member`, written by `actor` (who becomes an author)."""
    if not can_edit_for_member(actor, member):
        raise PermissionDenied
    authors = list(authors or [])
    if actor.member_id == member.pk and actor not in authors:
        authors.insert(0, actor)
    _check_authors(member, authors)
    practice = Practice(
        member=member,
        title=title,
        summary=summary,
        problem=problem,
        approach=approach,
        results=results,
        lessons=lessons,
        links=links,
        visibility=visibility,
        group=group,
        status=PracticeStatus.DRAFT,
        created_by=actor,
    )
    practice.slug = _unique_slug(title)
    practice.full_clean()
    practice.save()
    _save_relations(
        actor=actor,
        practice=practice,
        principles=principles,
        themes=themes,
        authors=authors,
        new_attachment=new_attachment,
        attachment_title=attachment_title,
    )
    audit_record(
        actor=actor, action="practice.create", obj=practice, after=practice_snapshot(practice)
    )
    _reindex(practice)
    return practice


@transaction.atomic
def practice_update(
    *,
    actor,
    practice: Practice,
    title: str | None = None,
    summary: str | None = None,
    problem: str | None = None,
    approach: str | None = None,
    results: str | None = None,
    lessons: str | None = None,
    links: str | None = None,
    visibility: str | None = None,
    group=...,
    member=None,
    principles: Iterable | None = None,
    themes: Iterable[str] | None = None,
    authors: Iterable | None = None,
    new_attachment: UploadedFile | None = None,
    attachment_title: str = "",
    remove_attachments: Iterable[PracticeAttachment] | None = None,
) -> Practice:
    """Change a practice; a value left as None (the group: left out) stays as it is.
    Only the secretariat may move a practice to another member.

    The secretariat's edit of a published practice is published at once and recorded as
    a revision. Its member's officials' edit of a published practice is not: it is kept
    as the practice's change, sent to the secretariat for review, and the practice stays
    as it was published (see practice_change_propose)."""
    if not practice.can_edit(actor):
        raise PermissionDenied
    if member is not None and member.pk != practice.member_id:
        if not actor.is_secretariat:
            raise PermissionDenied
        practice.member = member
    if practice.change_needs_review(actor):
        practice_change_propose(
            actor=actor,
            practice=practice,
            title=title,
            summary=summary,
            problem=problem,
            approach=approach,
            results=results,
            lessons=lessons,
            links=links,
            visibility=visibility,
            group=group,
            principles=principles,
            themes=themes,
            authors=authors,
            new_attachment=new_attachment,
            attachment_title=attachment_title,
            remove_attachments=remove_attachments,
        )
        return practice
    before = practice_snapshot(practice)
    values = {
        "title": title,
        "summary": summary,
        "problem": problem,
        "approach": approach,
        "results": results,
        "lessons": lessons,
        "links": links,
        "visibility": visibility,
    }
    for name, value in values.items():
        if value is not None:
            setattr(practice, name, value)
    if group is not ...:
        practice.group = group
    if authors is not None:
        authors = list(authors)
        _check_authors(practice.member, authors)
    elif member is not None:
        _check_authors(practice.member, practice.authors.all())
    practice.full_clean()
    practice.save()
    _save_relations(
        actor=actor,
        practice=practice,
        principles=principles,
        themes=themes,
        authors=authors,
        new_attachment=new_attachment,
        attachment_title=attachment_title,
    )
    for attachment in remove_attachments or ():
        if attachment.practice_id != practice.pk:
            raise PermissionDenied
        _delete_attachment(attachment)
    after = practice_snapshot(practice)
    audit_record(actor=actor, action="practice.update", obj=practice, before=before, after=after)
    if practice.is_published:
        _add_revision(actor=actor, practice=practice)
    _reindex(practice)
    return practice


# Changes to published practices ---------------------------------------------------------


def practice_values(practice: Practice) -> dict:
    """A practice's values as a change holds them (and as its edit form shows them)."""
    return {
        **{name: getattr(practice, name) for name in TEXT_FIELDS},
        "visibility": practice.visibility,
        "group": practice.group_id,
        "principles": [p.pk for p in practice.principles.all()],
        "themes": sorted(tag.name for tag in practice.themes.all()),
        "authors": [person.pk for person in practice.authors.all()],
        "remove_attachments": [],
    }


def _with_values(practice: Practice, values: dict) -> Practice:
    """An unsaved copy of the practice with the text values of a change, to validate."""
    fields = {f.attname: getattr(practice, f.attname) for f in Practice._meta.concrete_fields}
    copy = Practice(**fields)
    for name in (*TEXT_FIELDS, "visibility"):
        setattr(copy, name, values[name])
    copy.group_id = values["group"]
    return copy


def _kept_attachments(practice: Practice, values: dict):
    return practice.attachments.exclude(pk__in=values["remove_attachments"])


def _change_authors(practice: Practice, values: dict):
    """The change's authors who are still officials of the practice's member."""
    people = get_user_model().objects.filter(pk__in=values["authors"], member=practice.member_id)
    return people.order_by("first_name", "last_name", "pk")


def practice_change_snapshot(change: PracticeRevision) -> dict:
    """What the practice would say once its change is published: practice_snapshot's
    keys, with the change's values."""
    practice, values = change.practice, change.values
    group = WorkingGroup.objects.filter(pk=values["group"]).first() if values["group"] else None
    attachments = [*_kept_attachments(practice, values), *change.new_attachments.all()]
    return {
        **practice_snapshot(practice),
        **{name: values[name] for name in TEXT_FIELDS},
        "visibility": values["visibility"],
        "group": group.slug if group else None,
        "group_name": group.name if group else None,
        "principles": [
            p.name for p in Principle.objects.filter(pk__in=values["principles"]).order_by("pk")
        ],
        "themes": sorted(values["themes"]),
        "authors": [str(person) for person in _change_authors(practice, values)],
        "attachments": [{"title": a.title, "file": a.filename} for a in attachments],
    }


@transaction.atomic
def practice_change_propose(
    *,
    actor,
    practice: Practice,
    title: str | None = None,
    summary: str | None = None,
    problem: str | None = None,
    approach: str | None = None,
    results: str | None = None,
    lessons: str | None = None,
    links: str | None = None,
    visibility: str | None = None,
    group=...,
    principles: Iterable | None = None,
    themes: Iterable[str] | None = None,
    authors: Iterable | None = None,
    new_attachment: UploadedFile | None = None,
    attachment_title: str = "",
    remove_attachments: Iterable[PracticeAttachment] | None = None,
) -> PracticeRevision:
    """An official's change to their member's published practice, sent to the
    secretariat for review: the rule is that only the secretariat publishes. The
    practice, what the public and other members read, is left as it is; the change
    (with any file it adds, which is not the practice's yet) waits until the secretariat
    publishes or returns it. Changing it again sends it again, returned or not. A value
    left as None (the group: left out) stays as the change, or the practice, has it."""
    if not practice.can_edit(actor):
        raise PermissionDenied
    if not practice.change_needs_review(actor):
        raise ValidationError(
            _("Only a change to a published practice waits for review."), code="invalid_state"
        )
    change = practice.open_change
    if change is None:
        change = PracticeRevision(practice=practice, values=practice_values(practice))
    values = dict(change.values)
    before = practice_change_snapshot(change) if change.pk else practice_snapshot(practice)
    texts = {
        "title": title,
        "summary": summary,
        "problem": problem,
        "approach": approach,
        "results": results,
        "lessons": lessons,
        "links": links,
        "visibility": visibility,
    }
    values.update({name: value for name, value in texts.items() if value is not None})
    if group is not ...:
        values["group"] = group.pk if group else None
    if principles is not None:
        values["principles"] = [p.pk for p in principles]
    if themes is not None:
        values["themes"] = sorted({name.strip() for name in themes if name.strip()})
    if authors is not None:
        authors = list(authors)
        _check_authors(practice.member, authors)
        values["authors"] = [person.pk for person in authors]
    dropped = []
    if remove_attachments is not None:
        removed = []
        for attachment in remove_attachments:
            if attachment.practice_id == practice.pk:
                removed.append(attachment.pk)
            elif change.pk and attachment.revision_id == change.pk:
                dropped.append(attachment)
            else:
                raise PermissionDenied
        values["remove_attachments"] = removed
    candidate = _with_values(practice, values)
    candidate.full_clean(validate_unique=False, validate_constraints=False)
    _missing_for_submission(candidate)
    change.values = values
    change.state = RevisionState.PENDING
    change.created_by = actor
    change.snapshot = before  # until its files are in place, below
    change.full_clean()
    change.save()
    for attachment in dropped:
        _delete_attachment(attachment)
    if new_attachment is not None:
        _add_attachment(
            actor=actor,
            practice=None,
            revision=change,
            file=new_attachment,
            title=attachment_title,
        )
    change.snapshot = practice_change_snapshot(change)
    change.save(update_fields=["snapshot"])
    audit_record(
        actor=actor, action="practice.propose", obj=practice, before=before, after=change.snapshot
    )
    return change


def _apply_change(practice: Practice, change: PracticeRevision) -> None:
    """Give the practice the change's values and files."""
    values = change.values
    for name in (*TEXT_FIELDS, "visibility"):
        setattr(practice, name, values[name])
    practice.group = (
        WorkingGroup.objects.filter(pk=values["group"]).first() if values["group"] else None
    )
    practice.full_clean()
    practice.save()
    practice.principles.set(Principle.objects.filter(pk__in=values["principles"]))
    practice.themes.set(values["themes"], clear=False)
    practice.authors.set(_change_authors(practice, values))
    for attachment in practice.attachments.filter(pk__in=values["remove_attachments"]):
        _delete_attachment(attachment)
    for attachment in change.new_attachments.all():
        attachment.practice, attachment.revision = practice, None
        attachment.save(update_fields=["practice", "revision"])


def _people_to_tell(*, actor, practice: Practice, proposer) -> list:
    """The practice's authors and whoever last changed the change."""
    people = _authors_to_tell(actor=actor, practice=practice)
    if proposer and proposer.pk != actor.pk and proposer not in people:
        people.append(proposer)
    return people


def _change_publish(*, actor, practice: Practice, change: PracticeRevision) -> Practice:
    _missing_for_submission(_with_values(practice, change.values))
    before = practice_snapshot(practice)
    proposer = change.created_by
    _apply_change(practice, change)
    after = practice_snapshot(practice)
    audit_record(
        actor=actor, action="practice.publish_change", obj=practice, before=before, after=after
    )
    # The change is now the practice's latest published revision.
    change.number = _next_number(practice)
    change.state = RevisionState.PUBLISHED
    change.snapshot = after
    change.values = None
    change.created_at = timezone.now()
    change.full_clean()
    change.save()
    _reindex(practice)
    people = _people_to_tell(actor=actor, practice=practice, proposer=proposer)
    _tell_published(practice=practice, recipients=people)
    return practice


def _change_return(*, actor, practice: Practice, change: PracticeRevision, comment: str):
    change.state = RevisionState.RETURNED
    change.comment = comment
    change.full_clean()
    change.save(update_fields=["state", "comment"])
    audit_record(
        actor=actor,
        action="practice.return_change",
        obj=practice,
        before=practice_snapshot(practice),
        after={**practice_change_snapshot(change), "change_comment": comment},
    )
    notification_send(
        recipients=_people_to_tell(actor=actor, practice=practice, proposer=change.created_by),
        kind=NotificationKind.PRACTICE_RETURNED,
        subject=_("Your practice “%(title)s” needs changes") % {"title": practice.title},
        body=comment,
        url=practice.get_workspace_url(),
    )
    return practice


def _missing_for_submission(practice: Practice) -> None:
    missing = [
        str(Practice._meta.get_field(name).verbose_name)
        for name in REQUIRED_TO_SUBMIT
        if not getattr(practice, name).strip()
    ]
    if missing:
        raise ValidationError(
            _("Before it can be reviewed, the practice needs: %(fields)s.")
            % {"fields": ", ".join(missing)},
            code="incomplete",
        )


@transaction.atomic
def practice_submit(*, actor, practice: Practice) -> Practice:
    """Send a draft (or a returned practice) to the secretariat for review."""
    if not practice.can_edit(actor):
        raise PermissionDenied
    if practice.status not in SUBMITTABLE:
        raise ValidationError(
            _("Only a draft or a returned practice can be submitted; this one is %(status)s.")
            % {"status": practice.get_status_display().lower()},
            code="invalid_state",
        )
    _missing_for_submission(practice)
    before = practice_snapshot(practice)
    practice.status = PracticeStatus.SUBMITTED
    practice.full_clean()
    practice.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="practice.submit",
        obj=practice,
        before=before,
        after=practice_snapshot(practice),
    )
    return practice


def _authors_to_tell(*, actor, practice: Practice) -> list:
    return [person for person in practice.authors.all() if person.pk != actor.pk]


@transaction.atomic
def practice_publish(*, actor, practice: Practice) -> Practice:
    """The secretariat publishes a practice: to everyone or to members only, as the
    practice says. Its authors are told. For a published practice, it publishes the
    change waiting for review: its values and files replace the published ones, and the
    new state is recorded as a revision."""
    if not actor.is_authenticated or not actor.is_secretariat:
        raise PermissionDenied
    change = practice.open_change if practice.is_published else None
    if change is not None and change.is_pending:
        return _change_publish(actor=actor, practice=practice, change=change)
    if practice.status not in PUBLISHABLE:
        raise ValidationError(_("This practice is already published."), code="invalid_state")
    _missing_for_submission(practice)
    before = practice_snapshot(practice)
    practice.status = PracticeStatus.PUBLISHED
    practice.return_comment = ""
    if practice.published_at is None:
        practice.published_at = timezone.now()
    practice.full_clean()
    practice.save(update_fields=["status", "return_comment", "published_at", "updated_at"])
    after = practice_snapshot(practice)
    audit_record(actor=actor, action="practice.publish", obj=practice, before=before, after=after)
    _add_revision(actor=actor, practice=practice)
    _reindex(practice)
    _tell_published(practice=practice, recipients=_authors_to_tell(actor=actor, practice=practice))
    return practice


def _tell_published(*, practice: Practice, recipients: list) -> None:
    where = (
        _("on the public site")
        if practice.visibility == Visibility.PUBLIC
        else _("for members of the forum")
    )
    notification_send(
        recipients=recipients,
        kind=NotificationKind.PRACTICE_PUBLISHED,
        subject=_("Your practice “%(title)s” is published") % {"title": practice.title},
        body=_("The secretariat has published “%(title)s” %(where)s.")
        % {"title": practice.title, "where": where},
        url=practice.get_workspace_url(),
    )


@transaction.atomic
def practice_return(*, actor, practice: Practice, comment: str) -> Practice:
    """The secretariat returns a submitted (or published) practice to its authors with a
    comment saying what to change. A returned practice is no longer published.

    A published practice with a change waiting for review: the change is returned, and
    the practice stays published as it was. A published practice whose change was
    returned is taken down with the change's values, so that nothing its officials wrote
    is lost (it is public no more)."""
    if not actor.is_authenticated or not actor.is_secretariat:
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say what the authors should change before it can be published.")},
            code="required",
        )
    if practice.status not in RETURNABLE:
        raise ValidationError(
            _("Only a submitted or published practice can be returned; this one is %(status)s.")
            % {"status": practice.get_status_display().lower()},
            code="invalid_state",
        )
    change = practice.open_change if practice.is_published else None
    if change is not None and change.is_pending:
        return _change_return(actor=actor, practice=practice, change=change, comment=comment)
    before = practice_snapshot(practice)
    practice.status = PracticeStatus.RETURNED
    practice.return_comment = comment
    if change is not None:
        _apply_change(practice, change)
        change.delete()
    practice.full_clean()
    practice.save(update_fields=["status", "return_comment", "updated_at"])
    audit_record(
        actor=actor,
        action="practice.return",
        obj=practice,
        before=before,
        after=practice_snapshot(practice),
    )
    _reindex(practice)
    notification_send(
        recipients=_authors_to_tell(actor=actor, practice=practice),
        kind=NotificationKind.PRACTICE_RETURNED,
        subject=_("Your practice “%(title)s” needs changes") % {"title": practice.title},
        body=comment,
        url=practice.get_workspace_url(),
    )
    return practice
