"""The alert emails, sent by the email worker (`manage.py db_worker --backend email
--queue-name email`) so that no request and no publishing waits on SMTP."""

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .filters import describe, filter_form
from .kinds import kind
from .links import confirm_url, list_url, unsubscribe_url
from .models import AlertList, Subscription


def _one_line(text, limit: int) -> str:
    return " ".join(str(text).split())[:limit]


def _filters_in_words(subscription) -> list[tuple[str, str]]:
    form = filter_form(subscription.list, subscription.query)
    return describe(form) if form.is_valid() else []


@task(backend="email", queue_name="email")
def send_confirmation_email(subscription_id: int) -> bool:
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None or subscription.unsubscribed_at is not None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "subscription": subscription,
            "list_label": AlertList(subscription.list).label,
            "filters": _filters_in_words(subscription),
            "confirm_url": confirm_url(subscription),
            "list_url": list_url(subscription),
        }
        body = render_to_string("alerts/confirm_email.txt", context)
        subject = _("[Digital Nations] Confirm your email alerts")
    EmailMessage(
        subject=subject,
        body=body,
        to=[subscription.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()
    return True


@task(backend="email", queue_name="email")
def send_alert_email(subscription_id: int, list_name: str, object_id: int) -> bool:
    """Tell one subscriber about one newly published item; checks again that the
    subscription is still active and the item still public."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None or not subscription.is_active:
        return False
    obj = kind(list_name).public().filter(pk=object_id).first()
    if obj is None:
        return False
    unsubscribe = unsubscribe_url(subscription)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "subscription": subscription,
            "list_label": AlertList(subscription.list).label,
            "filters": _filters_in_words(subscription),
            "object": obj,
            "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + obj.get_absolute_url(),
            "list_url": list_url(subscription),
            "unsubscribe_url": unsubscribe,
        }
        body = render_to_string("alerts/alert_email.txt", context)
        subject = _("[Digital Nations] New: %(title)s") % {"title": str(obj)}
    EmailMessage(
        subject=_one_line(subject, 200),
        body=body,
        to=[subscription.email],
        headers={
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()
    return True
