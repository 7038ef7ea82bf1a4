"""The directory's forms: its filters, a person's entry and posts, account deletion."""

from django import forms
from django.contrib.auth import authenticate
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from forum.core.forms import AccessibleFormMixin, QueryField
from forum.groups.models import WorkingGroup

from . import services
from .models import DirectoryEntry, Member, Post

PAGE_SIZE = 20


class DirectoryFilterForm(AccessibleFormMixin, forms.Form):
    q = QueryField(
        label=_("Name or topic"),
        max_length=200,
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    member = forms.ChoiceField(label=_("Member government"), required=False)
    group = forms.ChoiceField(label=_("Working group"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("Any member")), *self._member_choices()]
        self.fields["group"].choices = [("", _("Any group")), *self._group_choices()]

    @staticmethod
    def _member_choices():
        return [
            (member.iso_code.lower(), member.name)
            for member in Member.objects.order_by("name").only("iso_code", "name")
        ]

    @staticmethod
    def _group_choices():
        return [
            (group.slug, group.name)
            for group in WorkingGroup.objects.order_by("name").only("slug", "name")
        ]

    def clean_member(self):
        return self.cleaned_data["member"].lower()

    @property
    def active(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{5,40}$",
    _("Enter a telephone number in digits, with an optional + and country code."),
)


class DirectoryEntryForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = DirectoryEntry
        fields = list(services.ENTRY_FIELDS)
        widgets = {
            "help_with": forms.Textarea(attrs={"rows": 5}),
            "bio": forms.Textarea(attrs={"rows": 6}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "other_contact": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(phone_validator)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PostForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Post
        fields = list(services.POST_FIELDS)
        widgets = {"start": DateInput(), "end": DateInput()}
        help_texts = {"start": _("For example 2021-09-01.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.order_by("name")
        self.fields["member"].empty_label = _("None (the secretariat or another body)")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must be on or after the start date."))
        return cleaned

    def _post_clean(self):
        # The model's own validation (run by the service too) would report the same
        # error again, without a field.
        if "end" not in self.errors:
            super()._post_clean()


class AccountDeleteForm(AccessibleFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Type your password again to confirm that it is you."),
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        # Through authenticate(), so that guessing is limited like at sign-in.
        confirmed = authenticate(self.request, username=user.get_username(), password=password)
        if confirmed is None or confirmed.pk != user.pk:
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean(self):
        cleaned = super().clean()
        if services.is_last_administrator(self.request.user):
            raise forms.ValidationError(
                _(
                    "You are the only administrator of the platform. Give another person "
                    "administrator rights before you delete your account."
                )
            )
        return cleaned
