"""What every form of the site shares."""

from django import forms

from .text import clean_text


class AccessibleFormMixin:
    """Ties each field's error message (and its hint) to its input with aria-describedby,
    as the shared templates in core/templates/forms/ give them those ids, so that a
    screen reader reads the error with the field."""

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


class QueryField(forms.CharField):
    """A free-text filter: what was typed, through core.text.clean_text, before any check."""

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def bound_data(self, data, initial):
        return clean_text(data) if isinstance(data, str) else data


class CodeField(forms.CharField):
    """A record's code typed in any case ("ee", "EE"): kept in capitals, as stored."""

    def to_python(self, value):
        return super().to_python(value).upper()


class KnownRecordsMixin:
    """A list's filters that name records (a member by its code, a summit by its slug…):
    a name no record has is a clear error on its field, never an empty list that looks
    like an answer. `known` maps a field to (the model or a queryset, the field to look
    up, the message with %s for what was typed)."""

    known: dict = {}

    def clean(self):
        cleaned = super().clean()
        for name, (records, lookup, message) in self.known.items():
            value = cleaned.get(name)
            records = getattr(records, "_default_manager", records)
            if value and not records.filter(**{lookup: value}).exists():
                self.add_error(name, forms.ValidationError(message % value))
        return cleaned
