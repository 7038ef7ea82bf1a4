import contextlib
import contextvars
import datetime
import decimal
import hashlib
import ipaddress
import json

from django.contrib.admin import display as admin_display
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.uploads import EXTENSIONS


def lines(text: str) -> list[str]:
    """The non-blank lines of a multi-line field, for lists kept one item per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class Confidence(models.TextChoices):
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")


class Sourced(models.Model):
    """Where a record's facts come from, and how sure the forum is of them."""

    sources = models.TextField(_("sources"), blank=True, help_text=_("One web address per line."))
    confidence = models.CharField(
        _("confidence"),
        max_length=6,
        choices=Confidence.choices,
        default=Confidence.HIGH,
        help_text=_(
            "High: stated by an official source and not contradicted. Medium: one credible "
            "source, or minor differences. Low: sources disagree, are thin, or it is inferred."
        ),
    )
    confidence_note = models.TextField(
        _("note on the sources"),
        blank=True,
        help_text=_("Where sources disagree, say how."),
    )

    class Meta:
        abstract = True

    @property
    def source_list(self) -> list[str]:
        return lines(self.sources)


class Attachment(models.Model):
    """What the files of documents and of practices share: checked by content and size
    before they are stored (forum.core.uploads), which records their size and type."""

    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title or self.filename

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def kind(self) -> str:
        """PDF, ODT, DOCX."""
        return EXTENSIONS.get(self.content_type, "").lstrip(".").upper()


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One write or sign-in event, by whom, when, from where, with the values before and
    after. Append-only: never updated or deleted (see the database triggers in migration
    0006), and chained: each entry stores the hash of the one before it and its own
    (`audit_hash`), so that `manage.py audit_verify` finds an entry changed, removed or
    slipped in behind the application's back. The personal columns enter the hash through
    their digest: when an account is deleted they are pseudonymised (`redacted_at` set),
    the only change the triggers allow, and the chain stays whole."""

    #: Pseudonymised when the person is deleted; hashed as one digest.
    PERSONAL = ("actor_label", "object_repr", "before", "after", "client_address")
    #: Hashed as they are: never change.
    CHAINED = ("at", "actor_id", "action", "object_type", "object_id", "personal_digest")

    at = models.DateTimeField(_("when"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("who"),
        null=True,
        blank=True,
        # The log keeps the id of a person whose account is later removed.
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(_("type of record"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=255, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    personal_digest = models.CharField(max_length=64, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)
    redacted_at = models.DateTimeField(_("pseudonymised"), null=True, blank=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


def _canonical(value):
    """Values as the database gives them back: PostgreSQL's jsonb returns 1e+16 as an
    integer, inet its own spelling of an address; times in UTC."""
    if isinstance(value, float) and value.is_integer():
        return int(decimal.Decimal(repr(value)))
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return value


def audit_digest(values) -> str:
    text = json.dumps(_canonical(values), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def audit_personal_digest(entry) -> str:
    values = {name: getattr(entry, name) for name in AuditEntry.PERSONAL}
    with contextlib.suppress(ValueError):
        values["client_address"] = str(ipaddress.ip_address(values["client_address"] or ""))
    return audit_digest(values)


def audit_hash(entry) -> str:
    """An entry's link in the chain: its unchanging columns, the digest of its personal
    ones and the previous entry's hash (works on the migrations' models too)."""
    return audit_digest([entry.prev_hash, {n: getattr(entry, n) for n in AuditEntry.CHAINED}])


class Translation(models.Model):
    """One field of one record in one of the site's other languages (forum/core/
    translation.py says which fields of which models can be translated)."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("type of record")
    )
    object_id = models.CharField(_("record id"), max_length=64)
    field = models.CharField(_("field"), max_length=60)
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(
        _("translation"),
        help_text=_("For lists kept one item per line, keep one item per line here too."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["content_type", "object_id", "field", "language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_translation_per_field_and_language",
            )
        ]
        indexes = [models.Index(fields=["language"])]

    def __str__(self):
        return f"{self.content_type.name} {self.object_id} · {self.field} ({self.language})"

    @property
    def record(self):
        return self.content_type.get_object_for_this_type(pk=self.object_id)

    @admin_display(description=_("record"))
    def record_label(self):
        try:
            return f"{str(self.content_type.name).capitalize()}: {self.record}"
        except ObjectDoesNotExist:
            return _("(deleted record %(id)s)") % {"id": self.object_id}


class ContentClock(models.Model):
    """When public content last changed (any save or delete of a public record): the
    Last-Modified of the read API and the bulk data, and the version of every cached page.
    One row; kept in the database so that every process (web workers, the loader, the
    task worker) moves the same clock. With a cache shared by every process (Redis), the
    version is also kept there, so that reading it costs no query."""

    changed_at = models.DateTimeField()

    VERSION_KEY = "content-clock:version"

    class Meta:
        verbose_name = _("content clock")

    def __str__(self):
        return self.changed_at.isoformat()

    @classmethod
    def touch(cls):
        from django.conf import settings
        from django.core.cache import cache
        from django.utils import timezone

        now = timezone.now()
        cls.objects.update_or_create(pk=1, defaults={"changed_at": now})
        if settings.SHARED_CACHE:
            cache.set(cls.VERSION_KEY, now.isoformat(), None)

    @classmethod
    def changed_later(cls):
        """Move the clock once the current transaction commits (at once outside one), once
        however many records the transaction changes (the loader writes thousands)."""
        from django.db import connection, transaction

        # Django keeps the callbacks of the transaction in progress, and drops those of a
        # rolled back one, in connection.run_on_commit: [(savepoints, callback, robust)].
        if any(entry[1] is _touch_clock for entry in connection.run_on_commit):
            return
        transaction.on_commit(_touch_clock)

    @classmethod
    def version(cls) -> str:
        """A token that changes whenever public content does: the clock's time. Read once
        per request that reads (see `reading`)."""
        memo = _request_memo.get()
        if memo is not None:
            if "version" not in memo:
                memo["version"] = cls._version()
            return memo["version"]
        return cls._version()

    @classmethod
    def reading(cls):
        """Context manager: the version is read at most once inside it (a GET request)."""
        return _Reading()

    @classmethod
    def _version(cls) -> str:
        from django.conf import settings
        from django.core.cache import cache

        if settings.SHARED_CACHE:
            version = cache.get(cls.VERSION_KEY)
            if version is not None:
                return version
        changed_at = cls.objects.filter(pk=1).values_list("changed_at", flat=True).first()
        if changed_at is None:
            cls.touch()
            return cls._version()
        version = changed_at.isoformat()
        if settings.SHARED_CACHE:
            cache.add(cls.VERSION_KEY, version, None)
        return version

    @classmethod
    def last_change(cls):
        """The time of the last change, to the second (as HTTP dates go)."""
        from django.utils import timezone

        changed_at = cls.objects.filter(pk=1).values_list("changed_at", flat=True).first()
        if changed_at is None:
            cls.touch()
            changed_at = timezone.now()
        return changed_at.replace(microsecond=0)


def _touch_clock():
    ContentClock.touch()


_request_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "content_clock_memo", default=None
)


class _Reading:
    def __enter__(self):
        self.token = _request_memo.set({})

    def __exit__(self, *exc):
        _request_memo.reset(self.token)
