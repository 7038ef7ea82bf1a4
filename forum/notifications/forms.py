from django import forms

from forum.core.forms import AccessibleFormMixin

from .models import NotificationKind


class NotificationPreferencesForm(AccessibleFormMixin, forms.Form):
    """One checkbox per kind of notification: ticked, it also comes by email."""

    def __init__(self, *args, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, required=False, initial=current.get(kind.value, True)
            )

    def chosen(self) -> dict[str, bool]:
        return {kind.value: bool(self.cleaned_data.get(kind.value)) for kind in NotificationKind}


class MarkAllReadForm(forms.Form):
    """Nothing to fill in: a button."""
