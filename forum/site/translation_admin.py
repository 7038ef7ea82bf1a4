"""/cms/ → Translations: the secretariat translates one field of one record at a time."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from forum.core.models import Translation
from forum.core.translation import TRANSLATABLE, english_text, translatable_fields


def _record_choices():
    groups = []
    for item in TRANSLATABLE.values():
        model = apps.get_model(item.model)
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        records = [(f"{content_type.pk}:{obj.pk}", str(obj)) for obj in model.objects.all()[:1000]]
        if records:
            groups.append((str(model._meta.verbose_name_plural).capitalize(), records))
    return groups


def _field_choices():
    names = {}
    for item in TRANSLATABLE.values():
        model = apps.get_model(item.model)
        for name in item.fields:
            names.setdefault(name, str(model._meta.get_field(name).verbose_name))
    return sorted(names.items())


class TranslationForm(WagtailAdminModelForm):
    record = forms.ChoiceField(label=gettext_lazy("Record"))

    class Meta:
        model = Translation
        fields = ["field", "language", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [("", "---------"), *_record_choices()]
        self.fields["field"] = forms.ChoiceField(
            label=gettext_lazy("Field"), choices=_field_choices()
        )
        self.fields["language"] = forms.ChoiceField(
            label=gettext_lazy("Language"),
            choices=[
                (code, gettext_lazy(name))
                for code, name in settings.LANGUAGES
                if code != settings.LANGUAGE_CODE
            ],
        )
        instance = self.instance
        if instance.pk:
            self.initial["record"] = f"{instance.content_type_id}:{instance.object_id}"
            try:
                original = english_text(instance.record, instance.field)
            except (ObjectDoesNotExist, AttributeError):  # the record or field is gone
                original = ""
            if original:
                self.fields["text"].help_text = _("In English: %(text)s") % {"text": original}

    def clean(self):
        cleaned = super().clean()
        record = cleaned.get("record") or ""
        try:
            content_type_id, object_id = record.split(":", 1)
            content_type = ContentType.objects.get_for_id(int(content_type_id))
            model = content_type.model_class()
            model._default_manager.get(pk=object_id)
        except (ValueError, ContentType.DoesNotExist, AttributeError):
            self.add_error("record", _("Choose a record from the list."))
            return cleaned
        except model.DoesNotExist:
            self.add_error("record", _("That record no longer exists."))
            return cleaned
        if cleaned.get("field") and cleaned["field"] not in translatable_fields(model):
            names = ", ".join(translatable_fields(model))
            self.add_error(
                "field",
                _("This record's translatable fields are: %(names)s.") % {"names": names},
            )
        self.instance.content_type = content_type
        self.instance.object_id = str(object_id)
        return cleaned

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except ValidationError:
            self.add_error(
                None, _("This field of this record already has a translation in that language.")
            )


class TranslationViewSet(SnippetViewSet):
    model = Translation
    icon = "globe"
    add_to_admin_menu = True
    menu_label = gettext_lazy("Translations")
    menu_order = 270
    list_display = ["record_label", "field", "language", "updated_at"]
    list_filter = ["language", "field"]
    search_fields = None
    edit_handler = ObjectList(
        [FieldPanel("record"), FieldPanel("field"), FieldPanel("language"), FieldPanel("text")],
        base_form_class=TranslationForm,
    )
