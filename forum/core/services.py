"""The append-only audit log: what every service that writes calls (`audit_record`), with
values taken by `audit_snapshot` before and after the change."""

import contextvars
import datetime
import decimal
import ipaddress
import uuid
from collections.abc import Mapping

from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_str
from django.utils.functional import Promise

from .models import AuditEntry, audit_hash, audit_personal_digest
from .throttle import client_address

# Fields whose values never go into the log. A field named like one of these, or whose
# name contains one of SECRET_PARTS, is recorded as a keyed fingerprint instead: enough to
# see that it changed, useless to anyone who reads the log.
SECRET_FIELDS = {
    "password",
    "key",
    "token",
    "token_hash",
    "secret",
    "session_key",
    "session_data",
    "private_key",
    "api_key",
    "otp_secret",
    "bin_key",
}
SECRET_PARTS = ("password", "secret", "token")
HIDDEN = "[hidden]"
MAX_TEXT = 20_000


def is_secret_field(name: str) -> bool:
    name = name.lower()
    return name in SECRET_FIELDS or any(part in name for part in SECRET_PARTS)


def _fingerprint(value) -> str:
    """A short keyed digest: it changes when the secret changes, and reveals nothing."""
    if value in (None, ""):
        return ""
    digest = salted_hmac("forum.core.audit.secret", force_str(value)).hexdigest()[:12]
    return f"{HIDDEN} {digest}"


def jsonable(value):
    """`value` made of JSON types only: dates as ISO 8601, decimals and ids as text, files
    as their stored name, Wagtail stream and rich text values as their stored form."""
    if value is None or isinstance(value, (bool, int, str)):
        # PostgreSQL stores no NUL character, in text or JSON.
        return value[:MAX_TEXT].replace("\x00", "\ufffd") if isinstance(value, str) else value
    if isinstance(value, float):
        return (
            value if value == value and value not in (float("inf"), float("-inf")) else str(value)
        )
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, (decimal.Decimal, uuid.UUID, Promise)):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(bytes(value))} bytes>"
    if isinstance(value, models.Model):
        return value.pk if not isinstance(value.pk, uuid.UUID) else str(value.pk)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(item) for item in value]
        if isinstance(value, (set, frozenset)):
            items.sort(key=repr)
        return items
    if hasattr(value, "get_prep_value"):  # Wagtail's StreamValue
        return jsonable(value.get_prep_value())
    if hasattr(value, "source"):  # Wagtail's RichText
        return jsonable(value.source)
    return force_str(value)[:MAX_TEXT]


def _field_value(obj, field):
    if is_secret_field(field.name):
        return _fingerprint(field.value_from_object(obj))
    return jsonable(field.value_from_object(obj))


def _many_to_many_value(obj, field):
    if obj.pk is None:
        return []
    related = getattr(obj, field.name, None)
    if related is None or not hasattr(related, "all"):
        return jsonable(field.value_from_object(obj))
    values = []
    for item in related.all():
        # Tags read better by name than by number.
        values.append(item.name if hasattr(item, "slug") and hasattr(item, "name") else item.pk)
    return sorted(jsonable(values), key=lambda item: (str(type(item)), item))


def _child_relations(obj):
    try:
        from modelcluster.models import ClusterableModel, get_all_child_relations
    except ImportError:  # pragma: no cover
        return []
    if not isinstance(obj, ClusterableModel):
        return []
    return get_all_child_relations(obj)


def audit_snapshot(obj) -> dict:
    """The recordable values of a model instance, JSON-safe: every concrete field (foreign
    keys as ids), many-to-many fields as sorted lists of ids, and the inline children of
    Wagtail's clusterable models (a working group's leads over time) as lists of values.
    Secret fields are recorded as a keyed fingerprint, never as their value."""
    if obj is None:
        return {}
    opts = obj._meta
    values = {}
    for field in opts.concrete_fields:
        values[field.name] = _field_value(obj, field)
    for field in opts.many_to_many:
        if is_secret_field(field.name):
            continue
        try:
            values[field.name] = _many_to_many_value(obj, field)
        except (ValueError, TypeError, AttributeError):
            values[field.name] = []
    for relation in _child_relations(obj):
        name = relation.get_accessor_name()
        parental_key = relation.field.name
        try:
            children = list(getattr(obj, name).all())
        except (ValueError, TypeError, AttributeError):
            continue
        values[name] = [
            {
                key: value
                for key, value in audit_snapshot(child).items()
                if key not in {parental_key, "id"}
            }
            for child in children
        ]
    return values


def audit_changes(before: dict | None, after: dict | None) -> list[tuple[str, object, object]]:
    """The fields whose values differ between two snapshots: (field, before, after)."""
    before = before or {}
    after = after or {}
    names = list(before) + [name for name in after if name not in before]
    return [
        (name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    ]


#: The request being answered, set by forum.accounts.audit_events: its client's address
#: goes into every entry written meanwhile.
audit_request: contextvars.ContextVar = contextvars.ContextVar("audit_request", default=None)
#: Held while an entry is chained on PostgreSQL, so that concurrent writers queue up.
CHAIN_LOCK = 0x6175646974


def audit_record(*, actor, action: str, obj, before: dict | None = None, after: dict | None = None):
    """Record one write (or sign-in event) in the append-only audit log, chained to the
    entry before it. Call it from every service that writes, with snapshots taken before
    and after the change. `obj` is a record, or a text for what is not one (an address).
    Inside a request the client's address is recorded too. An actor who is not signed in
    is recorded as "anonymous"; no actor at all, as "system"."""
    request = audit_request.get()
    signed_in = getattr(actor, "is_authenticated", False)
    label = (actor.email or actor.username) if signed_in else "anonymous" if actor else "system"
    record = hasattr(obj, "_meta")
    entry = AuditEntry(
        actor=actor if signed_in else None,
        actor_label=label[:255],
        action=str(action)[:40],
        object_type=obj._meta.label if record else "",
        object_id=str(obj.pk if record and obj.pk is not None else "")[:64],
        object_repr=jsonable(force_str(obj))[:255],
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        client_address=_address(client_address(request) if request is not None else ""),
    )
    entry.personal_digest = audit_personal_digest(entry)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        last = AuditEntry.objects.order_by("-pk").values_list("hash", flat=True).first()
        entry.prev_hash = last or ""
        entry.hash = audit_hash(entry)
        entry.save()
    return entry


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text)) if "%" not in text else None
    except ValueError:
        return None
