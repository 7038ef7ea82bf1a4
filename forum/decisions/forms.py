from django import forms
from django.utils.translation import gettext_lazy as _

from forum.core.forms import AccessibleFormMixin

from .models import DecisionStatus


class StatusForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DecisionStatus.choices)


class ProgressNoteForm(AccessibleFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), help_text=_("As 2025-03-31."))
    text = forms.CharField(label=_("What has become of it"), widget=forms.Textarea, max_length=5000)
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
