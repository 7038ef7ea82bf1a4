from django_tasks import task

from django.conf import settings
from django.core.mail import send_mail

from .models import Notification, NotificationPreference


@task(backend="email", queue_name="email")
def send_notification_email(notification_id: int) -> None:
    """Send one notification by email; runs in the email worker, never in a request."""
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    link = f"{settings.WAGTAILADMIN_BASE_URL}{notification.url}" if notification.url else ""
    send_mail(
        notification.subject,
        "\n\n".join(part for part in (notification.body, link) if part),
        None,
        [notification.recipient.email],
    )


def notify(*, recipients, kind: str, subject: str, body: str = "", url: str = "") -> list:
    """Tell people about something: a workspace notification for each, and an email
    (queued) for those who have not turned that kind of email off."""
    people = {person.pk: person for person in recipients if person.is_active}
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
            recipient=person, kind=kind, subject=subject, body=body, url=url
        )
        notifications.append(notification)
        if person.pk not in muted and person.email:
            send_notification_email.enqueue(notification.pk)
    return notifications
