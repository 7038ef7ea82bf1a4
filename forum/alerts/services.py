"""Subscribing, confirming, unsubscribing, and finding who to alert about a newly
published item. Emails are sent by tasks on the "email" backend (forum.alerts.tasks)."""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .filters import matches
from .models import AlertList, SentAlert, Subscription

CONFIRM_SALT = "forum.alerts.confirm"
UNSUBSCRIBE_SALT = "forum.alerts.unsubscribe"
#: How long a confirmation link works.
CONFIRM_MAX_AGE = 7 * 24 * 3600


class TokenExpired(Exception):
    pass


def make_token(subscription: Subscription, salt: str) -> str:
    return signing.dumps({"s": subscription.pk}, salt=salt)


def read_token(token: str, salt: str, max_age=None) -> Subscription:
    """The subscription a token names. Raises Subscription.DoesNotExist for a token that
    is not ours (or names a deleted subscription), TokenExpired for an old one."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise Subscription.DoesNotExist from error
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise Subscription.DoesNotExist
    return Subscription.objects.get(pk=data["s"])


def absolute(url: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def confirm_url(subscription) -> str:
    return absolute(reverse("alerts:confirm", args=[make_token(subscription, CONFIRM_SALT)]))


def unsubscribe_url(subscription) -> str:
    token = make_token(subscription, UNSUBSCRIBE_SALT)
    return absolute(reverse("alerts:unsubscribe", args=[token]))


def list_url(subscription) -> str:
    path = reverse(f"{subscription.list}:list")
    return absolute(path + (f"?{subscription.query}" if subscription.query else ""))


def subscribe(*, email: str, list_name: str, query: str) -> Subscription:
    """Subscribe an address (unconfirmed) and queue the confirmation email. Asking
    again for the same list and filters re-uses the subscription and sends the
    confirmation again (also after unsubscribing: it must be confirmed anew)."""
    from .tasks import send_confirmation_email

    email = email.strip().lower()
    list_name = AlertList(list_name).value
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .filter(email=email, list=list_name, query=query)
            .first()
        )
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        email=email, list=list_name, query=query
                    )
            except IntegrityError:  # a parallel request created it
                subscription = Subscription.objects.get(email=email, list=list_name, query=query)
        elif subscription.unsubscribed_at is not None:
            subscription.unsubscribed_at = None
            subscription.confirmed_at = None
            subscription.save(update_fields=["unsubscribed_at", "confirmed_at"])
        send_confirmation_email.enqueue(subscription.pk)
    return subscription


def confirm(subscription: Subscription) -> Subscription:
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def unsubscribe(subscription: Subscription) -> Subscription:
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def alerts_send_for(*, list_name: str, obj, key: str | None = None) -> int:
    """Queue an alert email about a newly published object to each confirmed subscriber
    whose filters it matches and who has not been sent it yet. `key` names what is new
    (by default the object; for documents, the new version). Returns how many."""
    from .tasks import send_alert_email

    list_name = AlertList(list_name).value
    key = key or f"{list_name}:{obj.pk}"
    now = timezone.now()
    subscriptions = (
        Subscription.objects.filter(
            list=list_name, confirmed_at__lte=now, unsubscribed_at__isnull=True
        )
        .exclude(sent_alerts__key=key)
        .order_by("pk")
    )
    queued = 0
    for subscription in subscriptions:
        if not matches(list_name, subscription.query, obj):
            continue
        with transaction.atomic():
            _, created = SentAlert.objects.get_or_create(subscription=subscription, key=key)
            if created:
                send_alert_email.enqueue(subscription.pk, list_name, obj.pk)
                queued += 1
    return queued
