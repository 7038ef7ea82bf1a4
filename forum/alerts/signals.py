"""Alerts follow publishing wherever it happens (CMS, services, loader): a new document
version, a news item becoming published, a practice becoming public and published. The
alerts are looked for once the transaction has committed."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_save


def _send(list_name, obj_id, model, key=None):
    from .services import alerts_send_for

    obj = model._default_manager.filter(pk=obj_id).first()
    if obj is not None:
        alerts_send_for(list_name=list_name, obj=obj, key=key)


def version_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from forum.documents.models import Document

    transaction.on_commit(
        partial(
            _send, "documents", instance.document_id, Document, f"document-version:{instance.pk}"
        )
    )


def _was(sender, instance, fields):
    if instance.pk is None:
        return None
    return sender._default_manager.filter(pk=instance.pk).values(*fields).first()


def news_before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        before = _was(sender, instance, ["published"])
        instance._alerts_was_published = bool(before and before["published"])


def news_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.published or getattr(instance, "_alerts_was_published", False):
        return
    transaction.on_commit(partial(_send, "news", instance.pk, sender))


def _practice_public(values) -> bool:
    from forum.practices.models import PracticeStatus, Visibility

    return bool(
        values
        and values["status"] == PracticeStatus.PUBLISHED
        and values["visibility"] == Visibility.PUBLIC
    )


def practice_before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        instance._alerts_was_public = _practice_public(
            _was(sender, instance, ["status", "visibility"])
        )


def practice_saved(sender, instance, created, raw=False, **kwargs):
    if raw or getattr(instance, "_alerts_was_public", False):
        return
    if _practice_public({"status": instance.status, "visibility": instance.visibility}):
        transaction.on_commit(partial(_send, "practices", instance.pk, sender))


def connect():
    from forum.documents.models import DocumentVersion
    from forum.news.models import NewsItem
    from forum.practices.models import Practice

    post_save.connect(version_saved, sender=DocumentVersion, dispatch_uid="alerts.version")
    pre_save.connect(news_before_save, sender=NewsItem, dispatch_uid="alerts.news.pre")
    post_save.connect(news_saved, sender=NewsItem, dispatch_uid="alerts.news")
    pre_save.connect(practice_before_save, sender=Practice, dispatch_uid="alerts.practice.pre")
    post_save.connect(practice_saved, sender=Practice, dispatch_uid="alerts.practice")
