"""Everything that writes accounts: invitations, passwords, two-factor devices. Each
service records what it did in the audit log."""

import hashlib
import secrets
from base64 import b32encode
from binascii import unhexlify
from datetime import timedelta
from io import BytesIO

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.core.services import audit_record, audit_snapshot

from .models import Invitation, Role, User

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


class InvitationGone(Exception):
    """The invitation was used or has expired."""


# Invitations ---------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, used or not; None if there is none."""
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("member", "group")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_link(path: str) -> str:
    """The full address of an invitation (or any) path on the public site."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def invitation_validate(*, email, role, member=None, group=None) -> dict:
    """The problems with an invitation's values, by field; empty when it can be sent."""
    errors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter an email address in the form name@example.org.")
    else:
        if User.objects.filter(email__iexact=email).exists():
            errors["email"] = _("There is already an account with this email address.")
    if role not in Role.values:
        errors["role"] = _("Choose a role: secretariat, representative or group lead.")
    elif role == Role.SECRETARIAT:
        if member is not None:
            errors["member"] = _("The secretariat does not represent a member government.")
        if group is not None:
            errors["group"] = _("The secretariat takes part in every group; leave it empty.")
    else:
        if member is None:
            errors["member"] = _("Representatives and group leads need a member government.")
        if role == Role.GROUP_LEAD and group is None:
            errors["group"] = _("A group lead needs the working group they lead.")
    return errors


def invitation_create(*, email, role, member=None, group=None, invited_by=None):
    """Create a single-use invitation; returns (invitation, link_path). The link's token
    is not stored: the path returned here is the only copy."""
    email = _normalise_email(email)
    errors = invitation_validate(email=email, role=role, member=member, group=group)
    if errors:
        raise ValidationError(errors)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        member=member,
        group=group,
        token_hash=hash_token(token),
        invited_by=invited_by if getattr(invited_by, "is_authenticated", False) else None,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit_record(
        actor=invited_by,
        action="invitation.created",
        obj=invitation,
        after=audit_snapshot(invitation),
    )
    return invitation, reverse("accounts:invitation", args=[token])


def invitation_send(*, invitation, link: str) -> None:
    """Email the invitation link to the person invited (raises if the mail server
    refuses it: the caller shows the link to copy instead)."""
    context = {
        "invitation": invitation,
        "link": link,
        "site_name": _("Digital Nations"),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def _username_for(email: str) -> str:
    if len(email) <= 150 and not User.objects.filter(username=email).exists():
        return email
    return f"user-{secrets.token_hex(8)}"


def invitation_accept(*, invitation, first_name, last_name, password) -> User:
    """Open the account an invitation is for: the User with its role and member, and its
    working group membership. Raises InvitationGone if the invitation was used or has
    expired, ValidationError if the password or names are not acceptable."""
    first_name = (first_name or "").strip()
    last_name = (last_name or "").strip()
    errors = {}
    if not first_name:
        errors["first_name"] = _("Enter your first name.")
    if not last_name:
        errors["last_name"] = _("Enter your last name.")
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable:
            raise InvitationGone
        before = audit_snapshot(invitation)
        user = User(
            username=_username_for(invitation.email),
            email=invitation.email,
            first_name=first_name,
            last_name=last_name,
            role=invitation.role,
            member=invitation.member,
            is_staff=invitation.role == Role.SECRETARIAT,
            is_superuser=invitation.role == Role.SECRETARIAT,
        )
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            errors["password"] = error.messages
        if errors:
            raise ValidationError(errors)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                {"email": _("There is already an account with this email address.")}
            )
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as error:
            raise ValidationError(
                {"email": _("There is already an account with this email address.")}
            ) from error
        if invitation.group is not None and invitation.role in (
            Role.GROUP_LEAD,
            Role.REPRESENTATIVE,
        ):
            from forum.groups.models import GroupMembership

            GroupMembership.objects.create(
                group=invitation.group, user=user, lead=invitation.role == Role.GROUP_LEAD
            )
        invitation.used_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["used_at", "user"])
        audit_record(actor=user, action="user.created", obj=user, after=audit_snapshot(user))
        audit_record(
            actor=user,
            action="invitation.accepted",
            obj=invitation,
            before=before,
            after=audit_snapshot(invitation),
        )
    return user


# Passwords ------------------------------------------------------------------------------


def password_set(*, user, password, actor=None, reason="changed") -> None:
    """Set a new password (already validated by the form) and record it. reason is
    "changed" (by the person, signed in) or "reset" (from an emailed link)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor if actor is not None else user,
        action=f"password.{reason}",
        obj=user,
    )
    if reason == "reset":
        # Whoever can read the mailbox may sign in at once: a lockout for this account
        # ends with the reset, as the lockout page says.
        from axes.utils import reset

        reset(username=user.get_username())


# Two-factor authentication -------------------------------------------------------------


def confirmed_totp_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_new_key() -> str:
    """A new TOTP secret (hex), kept in the session until the person confirms it."""
    from django_otp.plugins.otp_totp.models import default_key

    return default_key()


def _totp_device(user, key) -> TOTPDevice:
    return TOTPDevice(user=user, key=key, name=TOTP_DEVICE_NAME)


def totp_secret(key: str) -> str:
    """The key as people type it into an authenticator app: base32, in groups of four."""
    secret = b32encode(unhexlify(key)).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(user, key: str) -> str:
    """The setup QR code as inline SVG markup (no image request, no script)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        _totp_device(user, key).config_url,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=8,
        border=2,
    )
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1]
    return svg.strip()


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_confirm(*, user, key, token):
    """Turn on two-factor authentication with the key shown at setup, once the person
    types a code their app shows for it. Returns (device, recovery codes to show once),
    or None if the code is wrong."""
    code = normalise_code(token)
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=6, drift=0)
    if not totp.verify(int(code), tolerance=1):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = _totp_device(user, key)
        device.confirmed = True
        device.last_t = totp.t()  # this code, like every code, works once
        device.drift = totp.drift
        device.save()
        codes = _new_recovery_codes(user)
        audit_record(
            actor=user,
            action="two_factor.set_up",
            obj=user,
            after={"device": device.name, "recovery_codes": len(codes)},
        )
    return device, codes


def recovery_codes_renew(*, user) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit_record(
            actor=user,
            action="two_factor.recovery_codes",
            obj=user,
            after={"recovery_codes": len(codes)},
        )
    return codes


def two_factor_remove(*, user, actor=None) -> None:
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        StaticDevice.objects.filter(user=user).delete()
        audit_record(
            actor=actor if actor is not None else user,
            action="two_factor.removed",
            obj=user,
            before={"devices": removed},
        )


def normalise_code(code: str) -> str:
    return "".join((code or "").split()).lower()


def two_factor_verify(*, user, code):
    """The device that accepts this code (a TOTP code or a recovery code), or None. Each
    code works once: the TOTP device remembers the last time step used and a recovery
    code is deleted when used. Wrong codes slow further attempts (django-otp) and are
    recorded in the audit log."""
    code = normalise_code(code)
    if not code:
        return None
    with transaction.atomic():
        if code.isdigit() and len(code) == 6:
            devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        else:
            devices = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
        for device in devices:
            if device.verify_token(code):
                return device
    audit_record(actor=user, action="access.two_factor_failed", obj=user)
    return None


def two_factor_throttled(user) -> bool:
    """Too many wrong codes lately: django-otp makes the person wait before trying again."""
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True)) + list(
        StaticDevice.objects.filter(user=user, confirmed=True)
    )
    return bool(devices) and all(not device.verify_is_allowed()[0] for device in devices)
