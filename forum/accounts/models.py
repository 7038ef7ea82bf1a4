from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    REPRESENTATIVE = "representative", _("Representative")
    GROUP_LEAD = "group-lead", _("Group lead")


class User(AbstractUser):
    """A person with an account: only ever created from an invitation (or, for the first
    secretariat account, `createsuperuser`)."""

    email = models.EmailField(_("email address"), unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member government"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        help_text=_("The government this person represents. Empty for the secretariat."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email or self.username

    @property
    def is_secretariat(self) -> bool:
        return self.is_active and (self.role == Role.SECRETARIAT or self.is_superuser)

    @property
    def is_member_official(self) -> bool:
        """A representative or group lead of a member government, or the secretariat:
        everyone who may read the members' workspace."""
        return self.is_active and (self.is_secretariat or bool(self.role and self.member_id))

    def member_official_of(self, member) -> bool:
        return self.is_member_official and member is not None and self.member_id == member.pk

    def leads(self, group) -> bool:
        return self.is_secretariat or group.memberships.filter(user=self, lead=True).exists()

    def belongs_to(self, group) -> bool:
        return self.is_secretariat or group.memberships.filter(user=self).exists()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use invitation to open an account. Only a SHA-256 hash of its token is
    stored; the token itself is in the link sent to the person, and nowhere else."""

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member government"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    group = models.ForeignKey(
        "groups.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(_("created"), db_index=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("account opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_used and not self.is_expired

    def get_status_display(self):
        if self.is_used:
            return _("Accepted")
        if self.is_expired:
            return _("Expired")
        return _("Waiting")
