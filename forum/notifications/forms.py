from django import forms

from .models import NotificationKind


class AccessibleFormMixin:
    """Ties each field's error message to its input (aria-describedby), as the shared
    templates in templates/forms/ render it, so a screen reader reads the error with
    the field. Used by the workspace's forms."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described_by = [f"{bound.auto_id}_error"]
            if bound.help_text:
                described_by.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)


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
