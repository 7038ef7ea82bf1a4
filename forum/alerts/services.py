"""Subscribing, confirming, unsubscribing, and finding who to alert about something newly
published. Emails are sent by tasks on the "email" backend (forum.alerts.tasks). Each
subscription, confirmation and unsubscription is recorded in the audit log, by whoever
made the request (mostly "anonymous") and from which address."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.core.services import audit_record, audit_request, audit_snapshot

from .filters import matches
from .kinds import kind
from .models import SentAlert, Subscription
from .tasks import send_alert_email, send_confirmation_email


def subscription_create(*, email: str, list_name: str, query: str) -> Subscription:
    """Subscribe an address (unconfirmed) and queue the confirmation email. Asking
    again for the same list and filters re-uses the subscription and sends the
    confirmation again (also after unsubscribing: it must be confirmed anew)."""
    email = email.strip().lower()
    list_name = kind(list_name).list.value
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
        _record("alert.subscribe", subscription, audit_snapshot(subscription))
    return subscription


def subscription_confirm(subscription: Subscription) -> Subscription:
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        _record("alert.confirm", subscription, {"confirmed_at": subscription.confirmed_at})
    return subscription


def subscription_cancel(subscription: Subscription) -> Subscription:
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = now = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        _record("alert.unsubscribe", subscription, {"unsubscribed_at": now})
    return subscription


def _record(action, subscription, after):
    # By the person who made the request (anonymous, mostly); outside one, by "system".
    request = audit_request.get()
    audit_record(actor=getattr(request, "user", None), action=action, obj=subscription, after=after)


def alert_queue(*, list_name: str, record, key: str | None = None) -> int:
    """Queue an alert email about a newly published record to each confirmed subscriber
    whose filters it matches and who has not been sent it yet. `key` names what is new
    (by default the record; for documents, the new version). Returns how many."""
    item = kind(list_name)
    key = key or item.key(record.pk)
    now = timezone.now()
    subscriptions = (
        Subscription.objects.filter(
            list=item.list, confirmed_at__lte=now, unsubscribed_at__isnull=True
        )
        .exclude(sent_alerts__key=key)
        .order_by("pk")
    )
    queued = 0
    for subscription in subscriptions:
        if not matches(item.list, subscription.query, record):
            continue
        with transaction.atomic():
            _, created = SentAlert.objects.get_or_create(subscription=subscription, key=key)
            if created:
                send_alert_email.enqueue(subscription.pk, item.list.value, record.pk)
                queued += 1
    return queued
