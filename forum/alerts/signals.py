"""Alerts follow publishing wherever it happens (CMS, services, loader): a new version of
a document, a record of another kind becoming public (by its domain's own definition of
public, forum.alerts.kinds). The alerts are looked for once the transaction has
committed."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_save

from .kinds import KINDS
from .services import alert_queue


def _queue(list_name, record_id, key=None):
    record = KINDS[list_name].public().filter(pk=record_id).first()
    if record is not None:
        alert_queue(list_name=list_name, record=record, key=key)


def _is_public(kind, pk) -> bool:
    return pk is not None and kind.public().filter(pk=pk).exists()


def _part_before_save(kind, sender, instance, raw=False, **kwargs):
    if not raw:
        before = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
        instance._alerts_was_public = before is not None and kind.part_public(before)


def _part_saved(kind, sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if kind.part_public is None:
        if not created:
            return
    elif getattr(instance, "_alerts_was_public", False) or not kind.part_public(instance):
        return
    record_id = kind.record_of(instance)
    transaction.on_commit(partial(_queue, kind.list, record_id, kind.key(record_id, instance)))


def _before_save(kind, sender, instance, raw=False, **kwargs):
    if not raw:
        instance._alerts_was_public = _is_public(kind, instance.pk)


def _saved(kind, sender, instance, created, raw=False, **kwargs):
    if raw or getattr(instance, "_alerts_was_public", False):
        return
    if _is_public(kind, instance.pk):
        transaction.on_commit(partial(_queue, kind.list, instance.pk))


def connect():
    for kind in KINDS.values():
        uid = f"alerts.{kind.list}"
        if kind.new_part is not None:
            if kind.part_public is not None:
                pre_save.connect(
                    partial(_part_before_save, kind),
                    sender=kind.new_part,
                    dispatch_uid=f"{uid}.part.pre",
                    weak=False,
                )
            post_save.connect(
                partial(_part_saved, kind), sender=kind.new_part, dispatch_uid=uid, weak=False
            )
            if not kind.records_too:
                continue
        model = kind.public().model
        pre_save.connect(
            partial(_before_save, kind), sender=model, dispatch_uid=f"{uid}.pre", weak=False
        )
        post_save.connect(partial(_saved, kind), sender=model, dispatch_uid=uid, weak=False)
