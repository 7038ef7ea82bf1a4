"""What records the writes made in the Wagtail admin under /cms/ in the audit log.

Writes made in the workspace are recorded by the services that make them (they call
`forum.core.services.audit_record`). Writes made in /cms/ are recorded by the Wagtail
hooks below, registered in `forum/core/wagtail_hooks.py`: snippets, pages, users and
settings with their values before and after; everything else (images, documents,
collections, groups, sites…) from Django's model signals. The secretariat reads the log
in `forum.site.audit`.
"""

from django.apps import apps
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry
from .services import audit_record, audit_snapshot

# Writes in /cms/
#
# A "before" hook takes a snapshot of the record as it is and keeps it on the request;
# the matching "after" hook records the write with both. Each hook records a given
# record and action once per request (Wagtail runs after_edit_page after
# after_publish_page when a page is published from its edit view).


def _key(obj):
    return (obj._meta.label, str(obj.pk))


def _stash(request) -> dict:
    if not hasattr(request, "_audit_before"):
        request._audit_before = {}
    return request._audit_before


def _recorded(request) -> set:
    if not hasattr(request, "_audit_recorded"):
        request._audit_recorded = set()
    return request._audit_recorded


def _keep_before(request, obj, snapshot=None):
    if obj is None or obj.pk is None:
        return
    _stash(request)[_key(obj)] = {
        "pk": obj.pk,
        "values": audit_snapshot(obj) if snapshot is None else snapshot,
    }


def _before(request, obj, pk=None):
    if pk is None:
        pk = obj.pk
    kept = _stash(request).get((obj._meta.label, str(pk)))
    return kept["values"] if kept else None


def _stored(obj):
    """The record as it is in the database now (None once deleted)."""
    if obj is None or obj.pk is None:
        return None
    model = type(obj)
    return model._base_manager.filter(pk=obj.pk).first()


def _record(request, action, obj, *, before=None, after=None, pk=None):
    if pk is not None and obj.pk is None:
        obj.pk = pk  # a deleted record: the log still names it
    key = (*_key(obj), action)
    recorded = _recorded(request)
    if key in recorded:
        return None
    recorded.add(key)
    return audit_record(actor=request.user, action=action, obj=obj, before=before, after=after)


def _specific(page):
    return getattr(page, "specific", page) if page is not None else None


# Snippets


def after_create_snippet(request, instance):
    _record(request, "create", instance, after=audit_snapshot(instance))


def before_edit_snippet(request, instance):
    if request.method == "POST":
        _keep_before(request, instance)


def after_edit_snippet(request, instance):
    _record(
        request,
        "update",
        instance,
        before=_before(request, instance),
        after=audit_snapshot(instance),
    )


def before_delete_snippet(request, instances):
    if request.method == "POST":
        for instance in instances:
            _keep_before(request, instance)
            _stash(request)[("pk", id(instance))] = instance.pk


def after_delete_snippet(request, instances):
    for instance in instances:
        pk = _stash(request).get(("pk", id(instance)), instance.pk)
        _record(request, "delete", instance, before=_before(request, instance, pk), pk=pk)


# Pages


def after_create_page(request, page):
    page = _specific(page)
    _record(request, "create", page, after=audit_snapshot(page))


def before_edit_page(request, page):
    if request.method == "POST":
        _keep_before(request, _specific(page))


def after_edit_page(request, page):
    page = _specific(page)
    if (*_key(page), "publish") in _recorded(request):
        return  # recorded as published, with the same values
    _record(request, "update", page, before=_before(request, page), after=audit_snapshot(page))


def before_publish_page(request, page):
    page = _specific(page)
    if _key(page) not in _stash(request):
        _keep_before(request, _stored(page))


def after_publish_page(request, page):
    page = _specific(page)
    _record(request, "publish", page, before=_before(request, page), after=audit_snapshot(page))


def before_unpublish_page(request, page):
    if request.method == "POST":
        _keep_before(request, _specific(page))


def after_unpublish_page(request, page):
    page = _specific(page)
    after = _stored(page)
    _record(
        request,
        "unpublish",
        page,
        before=_before(request, page),
        after=audit_snapshot(after) if after else None,
    )


def before_delete_page(request, page):
    if request.method == "POST":
        page = _specific(page)
        snapshot = audit_snapshot(page)
        snapshot["descendants"] = sorted(page.get_descendants().values_list("pk", flat=True))
        _keep_before(request, page, snapshot)
        _stash(request)[("pk", id(page))] = page.pk


def after_delete_page(request, page):
    page = _specific(page)
    pk = _stash(request).get(("pk", id(page)), page.pk)
    _record(request, "delete", page, before=_before(request, page, pk), pk=pk)


def before_move_page(request, page, destination):
    if request.method == "POST":
        _keep_before(request, _specific(page))


def after_move_page(request, page):
    page = _specific(page)
    after = _stored(page)
    _record(
        request,
        "move",
        page,
        before=_before(request, page),
        after=audit_snapshot(after) if after else None,
    )


def after_copy_page(request, page, new_page):
    new_page = _specific(new_page)
    after = audit_snapshot(new_page)
    after["copied_from"] = page.pk
    _record(request, "copy", new_page, after=after)


# Users


def after_create_user(request, user):
    _record(request, "create", user, after=audit_snapshot(user))


def before_edit_user(request, user):
    if request.method == "POST":
        _keep_before(request, user)


def after_edit_user(request, user):
    _record(request, "update", user, before=_before(request, user), after=audit_snapshot(user))


def _has_history(user) -> bool:
    # Signing in and out ("access.…") is not something done that the log must keep.
    return AuditEntry.objects.filter(actor=user).exclude(action__startswith="access.").exists()


def before_delete_user(request, user):
    """An account that has done anything recorded in the audit log is not deleted: the
    log is append-only and must keep saying who did what. Deactivate it instead."""
    if _has_history(user):
        messages.error(
            request,
            _(
                "%(user)s has entries in the audit log, so the account cannot be deleted. "
                "Deactivate it instead: untick “Active” on the account."
            )
            % {"user": user},
        )
        try:
            return redirect(reverse("wagtailusers_users:edit", args=[user.pk]))
        except NoReverseMatch:  # pragma: no cover
            return redirect("wagtailusers_users:index")
    if request.method == "POST":
        _keep_before(request, user)
        _stash(request)[("pk", id(user))] = user.pk
    return None


def after_delete_user(request, user):
    pk = _stash(request).get(("pk", id(user)), user.pk)
    _record(request, "delete", user, before=_before(request, user, pk), pk=pk)


# Settings (wagtail.contrib.settings)


def before_edit_setting(request, instance):
    if request.method == "POST":
        _keep_before(request, instance)


def after_edit_setting(request, instance):
    _record(
        request,
        "update",
        instance,
        before=_before(request, instance),
        after=audit_snapshot(instance),
    )


# Bulk actions on pages, snippets and users (those on images and documents are recorded
# from the model signals below)


def before_bulk_action(request, action_type, objects, action_class_instance):
    if action_type == "delete":
        for obj in objects:
            if obj._meta.label == _user_label() and _has_history(obj):
                messages.error(
                    request,
                    _(
                        "%(user)s has entries in the audit log, so the account cannot be "
                        "deleted. Deactivate it instead."
                    )
                    % {"user": obj},
                )
                return redirect("wagtailusers_users:index")
    for obj in objects:
        if not _handled_by_hooks(type(obj)):
            continue
        obj = _specific(obj) if _is_page(obj) else obj
        _keep_before(request, obj)
        _stash(request)[("pk", id(obj))] = obj.pk
    return None


def after_bulk_action(request, action_type, objects, action_class_instance):
    for obj in objects:
        if not _handled_by_hooks(type(obj)):
            continue
        obj = _specific(obj) if _is_page(obj) else obj
        pk = _stash(request).get(("pk", id(obj)), obj.pk)
        if obj.pk is None:
            obj.pk = pk
        after = _stored(obj)
        _record(
            request,
            str(action_type),
            obj,
            before=_before(request, obj, pk),
            after=audit_snapshot(_specific(after) if _is_page(after) else after) if after else None,
            pk=pk,
        )


def _user_label():
    from django.conf import settings

    return apps.get_model(settings.AUTH_USER_MODEL)._meta.label


def _is_page(obj) -> bool:
    from wagtail.models import Page

    return isinstance(obj, Page)


# Everything else written in /cms/ (images, documents, collections, groups, sites,
# workflows…): from Django's model signals. Wagtail runs every admin view inside a
# LogContext naming the person signed in; a save or delete outside one (the workspace,
# the data loader, a management command) is not recorded here: the workspace's services
# record their own writes.

#: Written as a side effect of other writes, or by the admin's own bookkeeping.
BOOKKEEPING_APPS = {
    "admin",
    "axes",
    "contenttypes",
    "django_tasks_db",
    "otp_static",
    "otp_totp",
    "sessions",
    "taggit",
    "wagtailadmin",
    "wagtailembeds",
    "wagtailsearch",
}
BOOKKEEPING_MODELS = {
    "auth.Permission",
    "core.AuditEntry",
    "core.LoadedRecord",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageLogEntry",
    "wagtailcore.PageSubscription",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.Revision",
    "wagtailcore.UploadedFile",
    "wagtailusers.UserProfile",
}


def _cms_user():
    """The person signed in to /cms/ if this runs inside one of its views, else None."""
    from wagtail.log_actions import get_active_log_context

    return get_active_log_context().user


def _cms_state() -> dict:
    from wagtail.log_actions import get_active_log_context

    context = get_active_log_context()
    if not hasattr(context, "audit_state"):
        context.audit_state = {"before": {}, "last": {}}
    return context.audit_state


def _handled_by_hooks(model) -> bool:
    from wagtail.models import Page
    from wagtail.snippets.models import get_snippet_models

    if issubclass(model, Page) or model._meta.label == _user_label():
        return True
    if model in get_snippet_models():
        return True
    try:
        from wagtail.contrib.settings.registry import registry as settings_registry
    except ImportError:  # pragma: no cover
        return False
    return model in settings_registry


def _recorded_from_signals(model) -> bool:
    """Writes to `model` in /cms/ that no hook records: those of Wagtail's and Django's
    own models (the forum's own models are snippets and pages, or are recorded by the
    services that write them)."""
    from modelcluster.fields import ParentalKey
    from wagtail.images.models import AbstractRendition

    opts = model._meta
    if opts.label in BOOKKEEPING_MODELS or opts.app_label in BOOKKEEPING_APPS:
        return False
    if opts.auto_created or model.__module__.startswith("forum."):
        return False
    if issubclass(model, AbstractRendition) or _handled_by_hooks(model):
        return False
    # Inline children are recorded in their parent's snapshot.
    return not any(isinstance(field, ParentalKey) for field in opts.concrete_fields)


def _cms_record(user, action, obj, before, after):
    key = (obj._meta.label, str(obj.pk))
    last = _cms_state()["last"]
    if last.get(key) == (action, after):
        return  # the same save twice in one request (a file's size and hash, say)
    last[key] = (action, after)
    audit_record(actor=user, action=action, obj=obj, before=before, after=after)


def cms_pre_save(sender, instance, raw=False, **kwargs):
    if raw or _cms_user() is None or not _recorded_from_signals(sender):
        return
    if instance.pk is None:
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    if stored is not None:
        _cms_state()["before"][(sender._meta.label, str(instance.pk))] = audit_snapshot(stored)


def cms_post_save(sender, instance, created, raw=False, **kwargs):
    user = _cms_user()
    if raw or user is None or not _recorded_from_signals(sender):
        return
    before = _cms_state()["before"].pop((sender._meta.label, str(instance.pk)), None)
    action = "create" if created or before is None else "update"
    _cms_record(user, action, instance, before, audit_snapshot(instance))


def cms_post_delete(sender, instance, **kwargs):
    user = _cms_user()
    if user is None or not _recorded_from_signals(sender):
        return
    _cms_record(user, "delete", instance, audit_snapshot(instance), None)


def cms_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    user = _cms_user()
    if user is None or reverse or not _recorded_from_signals(type(instance)):
        return
    field = next((f for f in instance._meta.many_to_many if f.remote_field.through is sender), None)
    if field is None:
        return
    key = (instance._meta.label, str(instance.pk), field.name)
    state = _cms_state()["before"]
    if action.startswith("pre_"):
        state.setdefault(key, sorted(getattr(instance, field.name).values_list("pk", flat=True)))
        return
    before = state.pop(key, None)
    after = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    if before is not None and before != after:
        _cms_record(user, "update", instance, {field.name: before}, {field.name: after})
