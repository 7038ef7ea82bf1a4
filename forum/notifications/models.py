from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    PRACTICE_RETURNED = "practice_returned", _("A practice of mine is returned with a comment")
    PRACTICE_PUBLISHED = "practice_published", _("A practice of mine is published")
    ANSWER = "answer", _("Someone answers my question")
    QUESTION_IN_GROUP = (
        "question_in_group",
        _("A new question is asked in my group or on my topics"),
    )
    DRAFT_COMMENT = "draft_comment", _("Someone comments on a draft in my group")


class Notification(models.Model):
    """A message for one person, shown in the workspace and, if they chose, emailed."""

    recipient = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")

    def __str__(self):
        return self.subject


class NotificationPreference(models.Model):
    """Which kinds of notification a person wants by email (all by default) and in the
    workspace (always)."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    email = models.BooleanField(_("by email"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind}"
