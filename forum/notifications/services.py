"""Notifications: one in the workspace for each person concerned, and an email for
those who want that kind by email, sent by the email worker (`manage.py db_worker
--backend email --queue-name email`) so that no request waits on SMTP."""

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forum.core.services import audit_record, audit_snapshot

from .models import Notification, NotificationKind, NotificationPreference


def _one_line(text: str, limit: int) -> str:
    """A header-safe single line (no line breaks can reach an email subject)."""
    return " ".join(str(text).split())[:limit]


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def email_preferences(user) -> dict[str, bool]:
    """Each kind of notification → whether this person gets it by email (yes unless
    they turned it off)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind.value: chosen.get(kind.value, True) for kind in NotificationKind}


def wants_email(user, kind: str) -> bool:
    return not NotificationPreference.objects.filter(user=user, kind=kind, email=False).exists()


@task(backend="email", queue_name="email")
def send_notification_email(notification_id: int) -> bool:
    """Send one notification by email; runs in the email worker, never in a request.
    Checks again that it is still wanted: the person may have turned that kind of email
    off, or left, since it was queued. Returns whether a message was sent."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None:
        return False
    person = notification.recipient
    if not (person.is_active and person.email and wants_email(person, notification.kind)):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "person": person,
            "link": _absolute(notification.url),
            "preferences_url": _absolute(reverse("workspace:notifications:preferences")),
            "kind_label": NotificationKind(notification.kind).label,
        }
        body = render_to_string("notifications/email.txt", context)
        subject = _("[Digital Nations] %(subject)s") % {"subject": notification.subject}
    message = EmailMessage(
        subject=_one_line(subject, 200),
        body=body,
        to=[person.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.send()
    return True


def notification_send(
    *, recipients, kind: str, subject: str, body: str = "", url: str = "", actor=None
) -> list:
    """Tell people about something: a workspace notification for each active person
    (the actor, if given, is left out: nobody is told about what they did themselves),
    and an email queued for those who have not turned that kind of email off.

    With the database task backend the queued email is a row written in the same
    transaction as the notification: if the request fails, neither exists."""
    kind = NotificationKind(kind).value
    people = {
        person.pk: person
        for person in recipients
        if person.is_active and (actor is None or person.pk != actor.pk)
    }
    if not people:
        return []
    muted = set(
        NotificationPreference.objects.filter(
            user_id__in=people, kind=kind, email=False
        ).values_list("user_id", flat=True)
    )
    notifications = []
    for person in people.values():
        notification = Notification.objects.create(
            recipient=person,
            kind=kind,
            subject=_one_line(subject, 255),
            body=body,
            url=url[:500],
        )
        audit_record(
            actor=actor,
            action="notification.create",
            obj=notification,
            after=audit_snapshot(notification),
        )
        notifications.append(notification)
        if person.pk not in muted and person.email:
            send_notification_email.enqueue(notification.pk)
    return notifications


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_mark_read(*, user, notification) -> Notification:
    """Mark one of a person's own notifications as read."""
    if notification.recipient_id != user.pk:
        raise PermissionError("A notification can only be marked read by its recipient.")
    if notification.read_at is None:
        before = audit_snapshot(notification)
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(
            actor=user,
            action="notification.read",
            obj=notification,
            before=before,
            after=audit_snapshot(notification),
        )
    return notification


def notification_mark_all_read(*, user) -> int:
    """Mark all of a person's unread notifications as read; returns how many."""
    unread = list(Notification.objects.filter(recipient=user, read_at__isnull=True))
    for notification in unread:
        notification_mark_read(user=user, notification=notification)
    return len(unread)


def email_preferences_set(*, user, chosen: dict[str, bool]) -> None:
    """Save which kinds of notification a person gets by email."""
    for kind in NotificationKind:
        wanted = bool(chosen.get(kind.value, True))
        preference = NotificationPreference.objects.filter(user=user, kind=kind.value).first()
        if preference is None and wanted:
            continue  # email is on by default: nothing to store
        if preference is not None and preference.email == wanted:
            continue
        if preference is None:
            preference = NotificationPreference.objects.create(
                user=user, kind=kind.value, email=wanted
            )
            audit_record(
                actor=user,
                action="notification_preference.create",
                obj=preference,
                after=audit_snapshot(preference),
            )
        else:
            before = audit_snapshot(preference)
            preference.email = wanted
            preference.save(update_fields=["email"])
            audit_record(
                actor=user,
                action="notification_preference.update",
                obj=preference,
                before=before,
                after=audit_snapshot(preference),
            )
