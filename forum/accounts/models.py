from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
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
