from django.forms.models import model_to_dict

from .models import AuditEntry

SECRET_FIELDS = {"password", "key", "token", "token_hash", "secret"}


def audit_snapshot(obj) -> dict:
    """The recordable values of a model instance (secrets left out), JSON-safe."""
    values = model_to_dict(obj)
    return {
        name: (str(value) if not isinstance(value, (str, int, float, bool, type(None))) else value)
        for name, value in values.items()
        if name not in SECRET_FIELDS
    }


def audit_record(*, actor, action: str, obj, before: dict | None = None, after: dict | None = None):
    """Record one write in the append-only audit log. Call it from every service that
    writes, with snapshots taken before and after the change."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=(actor.email or actor.username) if actor else "system",
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:255],
        before=before,
        after=after,
    )
