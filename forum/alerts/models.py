"""Email alerts: anyone may subscribe to a filtered public list (no account needed),
confirmed by a link sent by email (double opt-in), stopped by a one-click link."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertList(models.TextChoices):
    DOCUMENTS = "documents", _("Key documents")
    NEWS = "news", _("News")
    PRACTICES = "practices", _("Practices")
    DECISIONS = "decisions", _("Decisions")


class Subscription(models.Model):
    email = models.EmailField(_("email address"))
    list = models.CharField(_("list"), max_length=20, choices=AlertList.choices)
    query = models.CharField(
        _("filters"),
        max_length=1000,
        blank=True,
        help_text=_("The list's filters as a query string: known filters only, sorted."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["email", "list", "query"], name="unique_alert_subscription"
            )
        ]
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")

    def __str__(self):
        return f"{self.email}: {self.list}?{self.query}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class SentAlert(models.Model):
    """One item already alerted to one subscription: never sent twice."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="sent_alerts"
    )
    key = models.CharField(_("object"), max_length=100)
    sent_at = models.DateTimeField(_("queued"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "key"], name="unique_sent_alert")
        ]
        verbose_name = _("sent alert")
        verbose_name_plural = _("sent alerts")

    def __str__(self):
        return f"{self.subscription_id}: {self.key}"
