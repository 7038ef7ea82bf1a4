from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forum.core.forms import AccessibleFormMixin
from forum.core.text import clean_text


class ContactForm(AccessibleFormMixin, forms.Form):
    """A message to the secretariat. A form refused by the rate limit (forum.contact.limits)
    has `refusal` set: it is not accepted, and shows why with what was typed."""

    label_suffix = ""
    refusal = None

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We reply to this address, and use it for nothing else."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        help_text=_("At most 5,000 characters."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("Write your name."), code="required")
        return name

    def clean_subject(self):
        return clean_text(self.cleaned_data["subject"])

    def clean_message(self):
        """Line breaks kept; in each line, controls and direction overrides taken out."""
        lines = [clean_text(line) for line in self.cleaned_data["message"].splitlines()]
        message = "\n".join(lines).strip()
        if not message:
            raise ValidationError(_("Write your message."), code="required")
        return message

    def clean(self):
        if self.refusal:
            raise ValidationError(self.refusal, code="limited")
        return super().clean()
