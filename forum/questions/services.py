"""Asking the network: who a question goes to, answers, helpful marks, and turning a
thread into a draft practice. Every write is recorded in the audit log."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from forum.accounts.models import Role
from forum.core.services import audit_record, audit_snapshot
from forum.groups.models import GroupMembership, WorkingGroup
from forum.notifications.models import NotificationKind
from forum.notifications.services import notification_send
from forum.practices.models import Practice
from forum.practices.services import practice_create

from .models import Answer, PracticeLink, Question

# Practices a question draws on


def _practices_on(principle_ids, theme_names):
    if not (principle_ids or theme_names):
        return Practice.objects.none()
    match = Q()
    if principle_ids:
        match |= Q(principles__in=principle_ids)
    for name in theme_names:  # themes match whatever their case: "Open data", "open data"
        match |= Q(themes__name__iexact=name)
    return Practice.objects.published().filter(match)


def members_with_practices_on(principle_ids, theme_names) -> set[int]:
    """Ids of the member governments that have published practices carrying any of
    these principles or themes."""
    practices = _practices_on(principle_ids, theme_names).exclude(member__isnull=True)
    return set(practices.values_list("member_id", flat=True))


def groups_with_practices_on(principle_ids, theme_names) -> set[int]:
    """Ids of the working groups with published practices on these principles or
    themes (where practices name a group)."""
    practices = _practices_on(principle_ids, theme_names).exclude(group__isnull=True)
    return set(practices.values_list("group_id", flat=True))


def practices_by_slug(slugs) -> list:
    """The published practices with these slugs, in the order given."""
    if not slugs:
        return []
    found = {p.slug: p for p in Practice.objects.published().filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def practice_by_slug(slug):
    return Practice.objects.filter(slug=slug).first() if slug else None


# Who a question goes to


def question_route(question) -> list:
    """The people a new question is sent to first, besides those who will find it in
    the list:

    - everyone in the group it is asked of;
    - the leads of the groups whose key documents carry its principles, or whose
      published practices carry its principles or themes;
    - the officials of members that published practices on its principles or themes.

    Only people who may read the question are kept (a question to a group stays in the
    group), and never the asker."""
    User = get_user_model()
    principle_ids = list(question.principles.values_list("pk", flat=True))
    theme_names = list(question.themes.names())

    in_groups = Q(pk__in=[])
    if question.group_id:
        in_groups |= Q(group_memberships__group_id=question.group_id)
    related_groups = Q(pk__in=groups_with_practices_on(principle_ids, theme_names))
    if principle_ids:
        related_groups |= Q(documents__principles__in=principle_ids)
    leads = GroupMembership.objects.filter(
        lead=True, group__in=WorkingGroup.objects.filter(related_groups)
    ).values("user_id")
    in_groups |= Q(pk__in=leads)
    members = members_with_practices_on(principle_ids, theme_names)
    officials = Q(member_id__in=members, role__in=[Role.REPRESENTATIVE, Role.GROUP_LEAD])

    people = User.objects.filter(is_active=True).filter(in_groups | officials)
    if question.group_id:
        people = people.filter(
            Q(group_memberships__group_id=question.group_id)
            | Q(role=Role.SECRETARIAT)
            | Q(is_superuser=True)
        )
    if question.asker_id:
        people = people.exclude(pk=question.asker_id)
    return [person for person in people.distinct().order_by("pk") if person.is_member_official]


def _summary(question) -> str:
    who = question.asker
    lines = [Truncator(question.body).chars(500)] if question.body else []
    if who is not None:
        if who.member_id:
            lines.append(_("Asked by %(name)s, %(member)s.") % {"name": who, "member": who.member})
        else:
            lines.append(_("Asked by %(name)s.") % {"name": who})
    return "\n\n".join(lines)


@transaction.atomic
def question_ask(
    *, asker, title, body="", group=None, principles=(), themes=(), documents=(), practice_slugs=()
) -> tuple[Question, list]:
    """Ask the network a question; returns the question and who was told about it."""
    question = Question.objects.create(asker=asker, title=title, body=body, group=group)
    question.principles.set(principles)
    question.themes.set(list(themes))
    question.documents.set(documents)
    for slug in practice_slugs:
        PracticeLink.objects.get_or_create(question=question, slug=slug)
    audit_record(actor=asker, action="question.ask", obj=question, after=audit_snapshot(question))
    recipients = question_route(question)
    notification_send(
        recipients=recipients,
        kind=NotificationKind.QUESTION_IN_GROUP,
        subject=_("New question: %(title)s") % {"title": question.title},
        body=_summary(question),
        url=question.get_absolute_url(),
        actor=asker,
    )
    return question, recipients


@transaction.atomic
def answer_create(*, author, question, body) -> Answer:
    """Answer a question; the asker is told."""
    if not question.is_visible_to(author):
        raise PermissionError("This person may not read this question.")
    answer = Answer.objects.create(question=question, author=author, body=body)
    audit_record(actor=author, action="answer.create", obj=answer, after=audit_snapshot(answer))
    if question.asker is not None:
        notification_send(
            recipients=[question.asker],
            kind=NotificationKind.ANSWER,
            subject=_("New answer to your question: %(title)s") % {"title": question.title},
            body=_("%(name)s answered:") % {"name": author} + "\n\n" + Truncator(body).chars(500),
            url=f"{question.get_absolute_url()}#answer-{answer.pk}",
            actor=author,
        )
    return answer


def can_mark_helpful(user, question) -> bool:
    return user.is_authenticated and question.asker_id == user.pk


@transaction.atomic
def answer_mark_helpful(*, actor, answer, helpful: bool) -> Answer:
    """The asker marks an answer helpful (or not any more)."""
    if not can_mark_helpful(actor, answer.question):
        raise PermissionError("Only the asker marks answers helpful.")
    if answer.helpful != helpful:
        before = audit_snapshot(answer)
        answer.helpful = helpful
        answer.save(update_fields=["helpful"])
        audit_record(
            actor=actor,
            action="answer.mark_helpful" if helpful else "answer.unmark_helpful",
            obj=answer,
            before=before,
            after=audit_snapshot(answer),
        )
    return answer


def drafted_practice_link(question):
    return question.practice_links.filter(from_thread=True).first()


def can_turn_into_practice(user, question) -> bool:
    """The asker or the secretariat, for an answered thread of an asker who represents a
    member, once."""
    return (
        user.is_authenticated
        and (question.asker_id == user.pk or user.is_secretariat)
        and question.asker is not None
        and question.asker.member_id is not None
        and question.answers.exists()
        and drafted_practice_link(question) is None
    )


def thread_texts(question) -> tuple[str, str]:
    """The thread as a practice's problem (the question) and approach (the answers, the
    helpful ones first)."""
    problem = "\n\n".join(part for part in (question.title, question.body) if part)
    answers = sorted(question.answers.select_related("author__member"), key=lambda a: not a.helpful)
    approach = "\n\n".join(
        f"{answer.body}\n— {answer.author or _('a former member of the forum')}"
        + (f", {answer.author.member}" if answer.author and answer.author.member_id else "")
        for answer in answers
    )
    return problem, approach


@transaction.atomic
def question_to_practice(*, actor, question):
    """Start a draft practice of the asker's member from an answered thread; returns it."""
    if not can_turn_into_practice(actor, question):
        raise PermissionError("This thread cannot be turned into a practice by this person.")
    problem, approach = thread_texts(question)
    practice = practice_create(
        actor=actor,
        member=question.asker.member,
        title=question.title,
        problem=problem,
        approach=approach,
        principles=list(question.principles.all()),
        themes=list(question.themes.names()),
        group=question.group,
    )
    link, _created = PracticeLink.objects.update_or_create(
        question=question, slug=practice.slug, defaults={"from_thread": True}
    )
    audit_record(
        actor=actor,
        action="question.to_practice",
        obj=question,
        after={"practice": practice.slug, "link": link.pk},
    )
    return practice
