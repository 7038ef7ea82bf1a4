from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forum.groups.models import WorkingGroup
from forum.members.models import Member

from . import services
from .models import Role, User


def password_help_text():
    return " ".join(str(text) for text in password_validation.password_validators_help_texts())


class Refusable:
    """A form a rate limit can refuse (forum/accounts/limits.py): with `refusal` set, its
    own checks (a password tried, a code verified…) do not run, and the page shows why,
    with what was typed kept."""

    refusal = None

    def clean(self):
        if self.refusal:
            raise ValidationError(self.refusal, code="limited")
        return super().clean()


class AccountForm(Refusable, forms.Form):
    """Labels without a colon; errors are listed in the page's error summary too."""

    label_suffix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignInForm(AccountForm):
    email = forms.CharField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid": _(
            "The email address or the password is not right. Check both and try again; "
            "after 5 wrong passwords the account is locked for 15 minutes."
        ),
    }

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email = (cleaned.get("email") or "").strip()
        password = cleaned.get("password")
        if not email or not password:
            return cleaned
        # One name per account for the lockout, however the address is typed.
        account = User.objects.filter(email__iexact=email).only("username").first()
        username = account.username if account else email
        # Through authenticate(), so that django-axes counts failures and refuses a
        # locked account even with the right password.
        self.user = authenticate(self.request, username=username, password=password)
        if self.user is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return cleaned


class AcceptInvitationForm(AccountForm):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_help_text()

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise ValidationError(_("The two passwords are not the same."), code="mismatch")
        return password2

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and "password2" not in self.errors:
            user = User(
                username=self.invitation.email,
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                role=self.invitation.role,
                is_superuser=self.invitation.role == Role.SECRETARIAT,
            )
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CodeForm(AccountForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )


class SetupCodeForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code from the app")
        self.fields["code"].help_text = _("The 6 digits your authenticator app shows now.")
        self.fields["code"].widget.attrs.update({"inputmode": "numeric", "maxlength": "8"})


class VerifyCodeForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code from your authenticator app, or a recovery code")
        self.fields["code"].help_text = _(
            "6 digits from the app, or one of your 8-character recovery codes. Each code "
            "works once."
        )


class ConfirmPasswordForm(AccountForm):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your password."), code="password_incorrect")
        return password


class ForumPasswordChangeForm(PasswordChangeForm):
    """Django's form; the change goes through the service, which records it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = password_help_text()

    def save(self, commit=True):
        services.password_set(
            user=self.user, password=self.cleaned_data["new_password1"], reason="changed"
        )
        return self.user


class ForumSetPasswordForm(SetPasswordForm):
    """The new password after a reset link; recorded, and the account's lockout ends."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = password_help_text()

    def save(self, commit=True):
        services.password_set(
            user=self.user, password=self.cleaned_data["new_password1"], reason="reset"
        )
        return self.user


class ForumPasswordResetForm(Refusable, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].help_text = _(
            "The address your account uses. If there is an account with it, we send a link "
            "to choose a new password."
        )


class InvitationForm(forms.Form):
    """The secretariat's invitation form in /cms/."""

    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    member = forms.ModelChoiceField(
        label=_("Member government"),
        queryset=Member.objects.order_by("name"),
        required=False,
        help_text=_("Required for representatives and group leads."),
    )
    group = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=WorkingGroup.objects.order_by("name"),
        required=False,
        help_text=_(
            "Required for a group lead (the group they lead); optional for a representative "
            "(a group they take part in)."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        errors = services.invitation_validate(
            email=cleaned["email"].strip().lower(),
            role=cleaned["role"],
            member=cleaned.get("member"),
            group=cleaned.get("group"),
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned
