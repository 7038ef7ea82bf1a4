"""Writes to the directory of digital leaders, and a person's own data: the export of
everything held about them and the deletion of their account. Every write is recorded
in the audit log.

Each person edits only their own entry and posts: every function here takes the person
acting as `user` and refuses (PermissionDenied) anything that is not theirs.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, models, transaction
from django.utils import timezone

from forum.core.models import AuditEntry
from forum.core.services import audit_changes, audit_record, audit_snapshot, jsonable

from .models import DirectoryEntry, Post

#: What an account is called once its owner has deleted it. Stored data, not interface
#: text: templates translate it on display.
FORMER_OFFICIAL = "Former official"

ENTRY_FIELDS = (
    "help_with",
    "bio",
    "phone",
    "email_shown",
    "other_contact",
    "show_contact_to_members",
)
POST_FIELDS = ("title", "member", "start", "end")

#: Sections of the personal data export for records that other apps keep about a person,
#: by model label. Records of any other model that points at the person are exported too,
#: under "other_records".
EXPORT_SECTIONS = {
    "notifications.Notification": "notifications",
    "notifications.NotificationPreference": "notification_preferences",
    "questions.Question": "questions",
    "questions.Answer": "answers",
    "practices.Practice": "practices",
    "accounts.Invitation": "invitations",
}
#: Exported in sections of their own, or not records about the person.
EXPORT_SKIP = {
    settings.AUTH_USER_MODEL,
    "core.AuditEntry",
    "members.DirectoryEntry",
    "members.Post",
    "groups.GroupMembership",
}
#: Records that exist only for the person and go with their account (looked up by label:
#: the apps that hold them may not have them yet).
DELETED_WITH_ACCOUNT = (
    ("notifications", "Notification", "recipient"),
    ("notifications", "NotificationPreference", "user"),
    ("otp_totp", "TOTPDevice", "user"),
    ("otp_static", "StaticDevice", "user"),
    ("wagtailusers", "UserProfile", "user"),
)


def _get_model(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _require_own(user, obj):
    if obj.user_id != user.pk:
        raise PermissionDenied("Each person edits only their own directory entry and posts.")


# The directory entry and posts


@transaction.atomic
def directory_entry_update(*, user, **values) -> DirectoryEntry:
    """Create or change `user`'s own directory entry."""
    unknown = set(values) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of a directory entry: {', '.join(sorted(unknown))}")
    entry = DirectoryEntry.objects.select_for_update().filter(user=user).first()
    created = entry is None
    if created:
        entry = DirectoryEntry(user=user)
    before = None if created else audit_snapshot(entry)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.full_clean(exclude=["user"])
    entry.save()
    audit_record(
        actor=user,
        action="create" if created else "update",
        obj=entry,
        before=before,
        after=audit_snapshot(entry),
    )
    return entry


def _set_post_values(post, values):
    unknown = set(values) - set(POST_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of a post: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(post, name, value)
    post.full_clean(exclude=["user"])


@transaction.atomic
def post_create(*, user, **values) -> Post:
    """Add a post (a position held) to `user`'s own roles over time."""
    post = Post(user=user)
    _set_post_values(post, values)
    post.save()
    audit_record(actor=user, action="create", obj=post, after=audit_snapshot(post))
    return post


@transaction.atomic
def post_update(*, user, post, **values) -> Post:
    _require_own(user, post)
    before = audit_snapshot(post)
    _set_post_values(post, values)
    post.save()
    audit_record(actor=user, action="update", obj=post, before=before, after=audit_snapshot(post))
    return post


@transaction.atomic
def post_delete(*, user, post) -> None:
    _require_own(user, post)
    before = audit_snapshot(post)
    pk = post.pk
    post.delete()
    post.pk = pk  # the log names the record that was deleted
    audit_record(actor=user, action="delete", obj=post, before=before)


# The person's own data


def _relations_to_user():
    """Every (model, field) whose field points at a person: foreign keys, one-to-one and
    many-to-many, in every installed app."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        if model._meta.label in EXPORT_SKIP or model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete) or field.related_model is None:
                continue
            if field.related_model is not user_model:
                continue
            if isinstance(field, (models.ForeignKey, models.ManyToManyField)):
                found.append((model, field))
    return found


def _group_membership_rows(user):
    return [
        {
            "group": membership.group.slug,
            "group_name": membership.group.name,
            "lead": membership.lead,
        }
        for membership in user.group_memberships.select_related("group").order_by("group__name")
    ]


def _audit_rows(entries):
    return [
        {
            "at": jsonable(entry.at),
            "who": entry.actor_label,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "object": entry.object_repr,
            "fields_changed": [name for name, _, _ in audit_changes(entry.before, entry.after)],
        }
        for entry in entries
    ]


def personal_data_export(*, user) -> dict:
    """Everything the platform holds about `user`, as JSON-ready data: their account
    (without its password hash), directory entry, posts, group memberships, and every
    record elsewhere that points at them (notifications, questions and answers, practices,
    invitations…), and the audit log's entries of what they did and what was done to
    their account. Secrets are never included, only a fingerprint that shows one is set."""
    account = audit_snapshot(user)
    account.pop("password", None)
    account["has_usable_password"] = user.has_usable_password()
    account["member"] = (
        {"iso_code": user.member.iso_code, "name": user.member.name} if user.member_id else None
    )
    account["groups"] = sorted(user.groups.values_list("name", flat=True))
    account["user_permissions"] = sorted(
        f"{app}.{codename}"
        for app, codename in user.user_permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    entry = DirectoryEntry.objects.filter(user=user).first()
    posts = Post.objects.filter(user=user).select_related("member").order_by("start", "pk")

    data = {
        "format": "digital-nations-personal-data/1",
        "exported_at": jsonable(timezone.now()),
        "account": account,
        "directory_entry": _without(audit_snapshot(entry), "user") if entry else None,
        "posts": [
            {
                **_without(audit_snapshot(post), "user"),
                "member": post.member.iso_code if post.member_id else None,
            }
            for post in posts
        ],
        "group_memberships": _group_membership_rows(user),
        **{section: [] for section in EXPORT_SECTIONS.values()},
        "other_records": {},
        "not_available": [],
        "audit_entries": _audit_rows(AuditEntry.objects.filter(actor=user).order_by("at", "pk")),
        "audit_entries_about_you": _audit_rows(
            AuditEntry.objects.filter(
                object_type=user._meta.label, object_id=str(user.pk)
            ).order_by("at", "pk")
        ),
    }
    for model, field in _relations_to_user():
        label = model._meta.label
        try:
            with transaction.atomic():
                rows = [
                    {"relation": field.name, "id": jsonable(obj.pk), "values": audit_snapshot(obj)}
                    for obj in model._base_manager.filter(**{field.name: user})
                    .order_by("pk")
                    .distinct()
                ]
        except DatabaseError:
            # A table not created yet (an app whose migrations have not run): say so.
            data["not_available"].append(label)
            continue
        if not rows:
            continue
        section = EXPORT_SECTIONS.get(label)
        if section:
            data[section].extend(rows)
        else:
            data["other_records"].setdefault(label, []).extend(rows)
    return data


def _without(values: dict, *names) -> dict:
    return {key: value for key, value in values.items() if key not in names}


def _delete_with_files(queryset):
    """Delete records and the files they hold (a profile picture)."""
    file_fields = [
        field
        for field in queryset.model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]
    if file_fields:
        for obj in queryset:
            for field in file_fields:
                stored = getattr(obj, field.attname)
                if stored:
                    stored.delete(save=False)
    queryset.delete()


def is_last_administrator(user) -> bool:
    """Deleting this account would leave nobody able to sign in to /cms/ as an
    administrator."""
    if not (user.is_active and user.is_superuser):
        return False
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return (
        not user_model.objects.filter(is_active=True, is_superuser=True)
        .exclude(pk=user.pk)
        .exists()
    )


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete `user`'s account at their own request: the person is deactivated and
    anonymised, their directory entry, posts, group memberships, notifications and
    two-factor devices deleted. The account's row stays, renamed "Former official", so
    that what they published (practices, answers…) stays, attributed to their member
    government, and the audit log still says who did what."""
    if is_last_administrator(user):
        raise PermissionDenied("The last administrator's account cannot be deleted.")
    old_username = user.get_username()
    before = {
        "is_active": user.is_active,
        "role": user.role,
        "member": user.member_id,
        "directory_entry": DirectoryEntry.objects.filter(user=user).exists(),
        "posts": Post.objects.filter(user=user).count(),
        "group_memberships": user.group_memberships.count(),
    }

    DirectoryEntry.objects.filter(user=user).delete()
    Post.objects.filter(user=user).delete()
    user.group_memberships.all().delete()
    for app_label, model_name, field in DELETED_WITH_ACCOUNT:
        model = _get_model(app_label, model_name)
        if model is not None:
            _delete_with_files(model._base_manager.filter(**{field: user}))

    placeholder = f"deleted-{user.pk}@invalid"
    # The invitation that opened the account carries the person's email address.
    invitation = _get_model("accounts", "Invitation")
    if invitation is not None:
        field_names = {field.name for field in invitation._meta.get_fields()}
        if {"user", "email"} <= field_names:
            invitation._base_manager.filter(user=user).update(email=placeholder)
    # Sign-in attempts are kept by user name (django-axes).
    for model_name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        model = _get_model("axes", model_name)
        if model is not None:
            model._base_manager.filter(username=old_username).delete()

    user.first_name = FORMER_OFFICIAL
    user.last_name = ""
    user.email = placeholder
    user.username = placeholder
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()

    audit_record(
        actor=user,
        action="delete",
        obj=user,
        before=before,
        after={
            "is_active": False,
            "role": user.role,
            "member": user.member_id,
            "directory_entry": False,
            "posts": 0,
            "group_memberships": 0,
        },
    )
