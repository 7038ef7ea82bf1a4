"""Writes to the directory of digital leaders, and a person's own data: the export of
everything held about them and the deletion of their account (with what else the
platform keeps about them: alert subscriptions by their address, and their personal data
in the audit log, pseudonymised). Every write is recorded in the audit log.

Each person edits only their own entry and posts: every function here takes the person
acting as `user` and refuses (PermissionDenied) anything that is not theirs.
"""

import json
import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
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
#: Records of other apps kept by email address rather than by account: exported with the
#: person's data, deleted with their account.
KEPT_BY_EMAIL = {"alerts.Subscription": ("alert_subscriptions", "email")}

#: What the audit log calls a person once their account is deleted. Stored data.
PSEUDONYM = "deleted person #{pk}"
#: The audit log's entry that names the entries pseudonymised (`manage.py audit_verify`
#: reads it).
REDACT_ACTION = "audit.redact"
#: Records that are the person's own, by the field that names them (None: the account),
#: and the values of their snapshots in the audit log that go when the person does.
OWN_RECORDS = {
    settings.AUTH_USER_MODEL: None,
    "members.DirectoryEntry": "user",
    "members.Post": "user",
    "groups.GroupMembership": "user",
    "accounts.Invitation": "user",
    "notifications.NotificationPreference": "user",
}
PERSONAL_KEYS = {
    "first_name",
    "last_name",
    "email",
    "username",
    "phone",
    "bio",
    "help_with",
    "other_contact",
    "title",
}


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
            "client_address": entry.client_address,
            "fields_changed": [name for name, _, _ in audit_changes(entry.before, entry.after)],
        }
        for entry in entries
    ]


def personal_data_export(*, user) -> dict:
    """Everything the platform holds about `user`, as JSON-ready data: their account
    (without its password hash), directory entry, posts, group memberships, and every
    record elsewhere that points at them (notifications, questions and answers, practices,
    invitations…), the alert subscriptions of their address, and the audit log's entries
    of what they did and what was done to their account. Secrets are never included, only
    a fingerprint that shows one is set."""
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
        **{section: [] for section, _field in KEPT_BY_EMAIL.values()},
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
    for label, (section, _field) in KEPT_BY_EMAIL.items():
        data[section] = [
            {"id": jsonable(obj.pk), "values": audit_snapshot(obj)}
            for obj in _kept_by_email(label, {user.email}).order_by("pk")
        ]
    return data


def _kept_by_email(label, emails) -> models.QuerySet:
    model = apps.get_model(label)
    return model._base_manager.filter(_any_iexact(KEPT_BY_EMAIL[label][1], emails))


def _any_iexact(field, values) -> Q:
    """Matches none when `values` is empty."""
    found = Q(pk__in=[])
    for value in values:
        found |= Q(**{f"{field}__iexact": value})
    return found


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


@dataclass(frozen=True)
class PersonalTraces:
    """What identifies a person in records that are not theirs (the audit log, alert
    subscriptions, sign-in attempts): taken before their account goes."""

    pk: int
    username: str
    emails: frozenset[str]
    #: Their address, user name, full name, telephone…: replaced wherever they appear in
    #: the audit log.
    identifiers: frozenset[str]


def personal_traces(user) -> PersonalTraces:
    entry = DirectoryEntry.objects.filter(user=user).first()
    emails = {user.email}
    invitation = _get_model("accounts", "Invitation")
    if invitation is not None:
        emails |= set(invitation._base_manager.filter(user=user).values_list("email", flat=True))
    emails = {email.strip().lower() for email in emails if email and email.strip()}
    texts = {user.username, user.get_full_name(), *emails}
    if entry is not None:
        texts |= {entry.phone, entry.other_contact}
    return PersonalTraces(
        pk=user.pk,
        username=user.get_username(),
        emails=frozenset(emails),
        # Shorter texts would be found inside other people's words.
        identifiers=frozenset(text.strip() for text in texts if len((text or "").strip()) >= 4),
    )


def personal_traces_erase(*, traces: PersonalTraces, actor) -> list[int]:
    """Delete what the platform keeps about a deleted person outside their account:
    the alert subscriptions of their addresses, their sign-in attempts (django-axes), the
    addresses on invitations sent to them; and pseudonymise them in the audit log
    (`audit_pseudonymise`). Returns the ids of the audit entries pseudonymised."""
    placeholder = f"deleted-{traces.pk}@invalid"
    for label in KEPT_BY_EMAIL:
        _delete_with_files(_kept_by_email(label, traces.emails))
    invitation = _get_model("accounts", "Invitation")
    if invitation is not None:
        invitation._base_manager.filter(
            Q(user_id=traces.pk) | _any_iexact("email", traces.emails)
        ).update(email=placeholder)
    for model_name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        model = _get_model("axes", model_name)
        if model is not None:
            model._base_manager.filter(username=traces.username).delete()
    redacted = audit_pseudonymise(traces=traces)
    if redacted:
        person = apps.get_model(settings.AUTH_USER_MODEL)(
            pk=traces.pk, username=PSEUDONYM.format(pk=traces.pk)
        )
        audit_record(actor=actor, action=REDACT_ACTION, obj=person, after={"entries": redacted})
    return redacted


def _mentions(identifiers) -> Q:
    """Audit entries that mention one of the texts: in their columns or their snapshots
    (compared as JSON text, where SQLite keeps letters beyond ASCII escaped)."""
    found = Q()
    for text in identifiers:
        for variant in {text, json.dumps(text)[1:-1]}:
            found |= (
                Q(actor_label__icontains=variant)
                | Q(object_repr__icontains=variant)
                | Q(before_text__icontains=variant)
                | Q(after_text__icontains=variant)
            )
    return found


def _is_own(entry, pk) -> bool:
    if entry.object_type not in OWN_RECORDS:
        return False
    field = OWN_RECORDS[entry.object_type]
    if field is None:
        return entry.object_id == str(pk)
    return any(
        isinstance(values, dict) and values.get(field) == pk
        for values in (entry.before, entry.after)
    )


def _replace(value, pattern, pseudonym, keys=()):
    if isinstance(value, str):
        return pattern.sub(pseudonym, value) if pattern else value
    if isinstance(value, list):
        return [_replace(item, pattern, pseudonym) for item in value]
    if isinstance(value, dict):
        return {
            key: pseudonym
            if key in keys and item not in (None, "")
            else _replace(item, pattern, pseudonym)
            for key, item in value.items()
        }
    return value


def _pseudonymised(entry, pk, pattern, pseudonym) -> dict:
    """The personal columns of `entry` that change when person `pk` is pseudonymised."""
    own = _is_own(entry, pk)
    keys = PERSONAL_KEYS if own else ()
    values = {
        "actor_label": pseudonym
        if entry.actor_id == pk
        else _replace(entry.actor_label, pattern, pseudonym),
        "object_repr": pseudonym if own else _replace(entry.object_repr, pattern, pseudonym),
        "before": _replace(entry.before, pattern, pseudonym, keys),
        "after": _replace(entry.after, pattern, pseudonym, keys),
        "client_address": None
        if entry.actor_id == pk or (own and entry.action.startswith("access."))
        else entry.client_address,
    }
    return {name: value for name, value in values.items() if value != getattr(entry, name)}


def audit_pseudonymise(*, traces: PersonalTraces) -> list[int]:
    """Replace a deleted person's personal data in the audit log with "deleted person
    #<id>": who they were as an actor (and the addresses they came from), the values of
    their own records (account, directory entry, posts…), and their address, names and
    telephone wherever else they appear. The entries keep their place in the chain: the
    triggers let exactly this through (personal columns changed, redacted_at set), and
    `manage.py audit_verify` lists these entries as pseudonymised. Returns their ids."""
    pk, pseudonym = traces.pk, PSEUDONYM.format(pk=traces.pk)
    by_length = sorted(traces.identifiers, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, by_length)), re.IGNORECASE) if by_length else None
    about = Q(actor_id=pk) | Q(object_type=settings.AUTH_USER_MODEL, object_id=str(pk))
    for label, field in OWN_RECORDS.items():
        if field is not None:
            about |= Q(object_type=label) & (
                Q(**{f"before__{field}": pk}) | Q(**{f"after__{field}": pk})
            )
    found = AuditEntry.objects.annotate(
        before_text=Cast("before", TextField()), after_text=Cast("after", TextField())
    ).filter(about | _mentions(traces.identifiers))
    ids = list(found.order_by("pk").values_list("pk", flat=True))
    now, redacted = timezone.now(), []
    for start in range(0, len(ids), 500):
        for entry in AuditEntry.objects.filter(pk__in=ids[start : start + 500]).order_by("pk"):
            changed = _pseudonymised(entry, pk, pattern, pseudonym)
            if changed:
                AuditEntry._base_manager.filter(pk=entry.pk).update(**changed, redacted_at=now)
                redacted.append(entry.pk)
    return redacted


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete `user`'s account at their own request: the person is deactivated and
    anonymised, their directory entry, posts, group memberships, notifications, two-factor
    devices and alert subscriptions deleted, and they are pseudonymised in the audit log
    (`personal_traces_erase`). The account's row stays, renamed "Former official", so
    that what they published (practices, answers…) stays, attributed to their member
    government, and the audit log still says which account did what."""
    if is_last_administrator(user):
        raise PermissionDenied("The last administrator's account cannot be deleted.")
    traces = personal_traces(user)
    before = {
        "is_active": user.is_active,
        "role": user.role,
        "member": user.member_id,
        "directory_entry": DirectoryEntry.objects.filter(user=user).exists(),
        "posts": Post.objects.filter(user=user).count(),
        "group_memberships": user.group_memberships.count(),
        **{
            section: _kept_by_email(label, traces.emails).count()
            for label, (section, _field) in KEPT_BY_EMAIL.items()
        },
    }

    DirectoryEntry.objects.filter(user=user).delete()
    Post.objects.filter(user=user).delete()
    user.group_memberships.all().delete()
    for app_label, model_name, field in DELETED_WITH_ACCOUNT:
        model = _get_model(app_label, model_name)
        if model is not None:
            _delete_with_files(model._base_manager.filter(**{field: user}))

    placeholder = f"deleted-{user.pk}@invalid"
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

    personal_traces_erase(traces=traces, actor=user)
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
            **{section: 0 for section, _field in KEPT_BY_EMAIL.values()},
        },
    )
