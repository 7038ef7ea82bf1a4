"""Content in the visitor's language.

The secretariat translates records field by field (the Translation model, edited in
/cms/ under "Translations"; the forum's own translations are loaded from
forum/data/translations/<language>.yaml). While a page is served in another language
than English, every translatable record loaded from the database takes the translated
text of each field that has one; a field without one keeps its English text, and the
page says so with a notice in the visitor's language (ContentLanguageMiddleware).

Translated values only live in memory for the request: the English text is put back
before any save, so that nothing translated is ever written over the original.
"""

import contextvars
import json
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_init, pre_save
from django.template.loader import render_to_string
from django.utils.translation import get_language

from forum.core.i18n import split_language


@dataclass(frozen=True)
class Translatable:
    """A model whose `fields` can be translated; `key` names each record in the
    translation files (forum/data/translations/), or is None for records that only the
    secretariat translates in /cms/."""

    model: str
    key: str | None
    fields: tuple[str, ...]


# Section of a translation file -> what it translates. A key of several fields
# ("document__slug,number") is written "dn-charter/5" in the files.
TRANSLATABLE = {
    "home_page": Translatable("core.HomePage", "slug", ("title", "lead", "introduction")),
    "about_page": Translatable(
        "core.AboutPage",
        "slug",
        ("title", "introduction", "mission_statement", "aims", "how_it_works"),
    ),
    "forum_names": Translatable("core.ForumName", "abbreviation", ("event", "confidence_note")),
    "members": Translatable(
        "members.Member",
        "iso_code",
        ("name", "government_body", "earlier_bodies", "notes", "confidence_note"),
    ),
    "principles": Translatable(
        "principles.Principle", "slug", ("name", "summary", "confidence_note")
    ),
    "principle_wordings": Translatable(
        "principles.PrincipleWording", "principle__slug,version__number", ("name", "text", "note")
    ),
    "summits": Translatable(
        "summits.Summit",
        "slug",
        (
            "label",
            "number_note",
            "dates_note",
            "city",
            "planned_city",
            "chair_title",
            "chair_note",
            "theme",
            "outcomes",
            "notes",
            "confidence_note",
        ),
    ),
    "working_groups": Translatable(
        "groups.WorkingGroup", "slug", ("name", "other_names", "focus", "confidence_note")
    ),
    "group_leads": Translatable("groups.GroupLead", "group__slug,sort_order", ("period",)),
    "documents": Translatable(
        "documents.Document",
        "slug",
        (
            "title",
            "introduction",
            "summary",
            "status_note",
            "drafted_by",
            "adoption",
            "notes",
            "confidence_note",
        ),
    ),
    "document_versions": Translatable(
        "documents.DocumentVersion",
        "document__slug,number",
        ("title", "change_note", "text", "text_note"),
    ),
    "signatures": Translatable(
        "documents.Signature",
        "document__slug,version__number,member__iso_code,sort_order",
        ("note",),
    ),
    "news": Translatable("news.NewsItem", "slug", ("title", "summary", "body", "confidence_note")),
    "practices": Translatable(
        "practices.Practice",
        None,
        ("title", "summary", "problem", "approach", "results", "lessons"),
    ),
}


def record_key(obj, key: str) -> str:
    """The record's key in the translation files: "dn-charter/5"."""
    values = []
    for path in key.split(","):
        value = obj
        for name in path.split("__"):
            value = getattr(value, name)
        values.append(str(value))
    return "/".join(values)


def find_record(model, key: str, value: str):
    """The record a translation file's key names, or None."""
    paths = key.split(",")
    parts = str(value).split("/")
    if len(parts) != len(paths):
        return None
    return model._default_manager.filter(**dict(zip(paths, parts, strict=True))).first()


# Fields kept as a list in a StreamField; translated one item per line.
LIST_FIELDS = {("core.AboutPage", "aims"): "aim"}

# Paths (without the language prefix) where records are edited, not read, and the open
# data files (in English, as the API, and cached for every address): never translated.
UNTRANSLATED_PREFIXES = ("/workspace/", "/accounts/", "/alerts/", "/data/")


def translatable_fields(model) -> tuple[str, ...]:
    label = model._meta.label
    for item in TRANSLATABLE.values():
        if item.model == label:
            return item.fields
    return ()


def english_text(instance, name: str) -> str:
    """The English text of a field, as the translation form and files show it."""
    english = getattr(instance, "_english", {})
    value = english[name] if name in english else getattr(instance, name)
    if (instance._meta.label, name) in LIST_FIELDS:
        return "\n".join(str(block.value) for block in value or [])
    return "" if value is None else str(value)


@dataclass
class Reading:
    """The translations of one request's language, loaded on first use."""

    language: str
    texts: dict | None = None
    missing: set = field(default_factory=set)

    def lookup(self, content_type_id: int, object_id, name: str) -> str | None:
        if self.texts is None:
            from forum.core.models import Translation

            rows = Translation.objects.filter(language=self.language).exclude(text="")
            self.texts = {
                (ct, oid, fld): text
                for ct, oid, fld, text in rows.values_list(
                    "content_type_id", "object_id", "field", "text"
                )
            }
        return self.texts.get((content_type_id, str(object_id), name))


_reading: contextvars.ContextVar[Reading | None] = contextvars.ContextVar(
    "forum_translation_reading", default=None
)


def _translate(sender, instance, **kwargs):
    reading = _reading.get()
    if reading is None or instance.pk is None:
        return
    label = sender._meta.label
    content_type = ContentType.objects.get_for_model(sender, for_concrete_model=False)
    english = {}
    for name in translatable_fields(sender):
        if name not in instance.__dict__:  # deferred
            continue
        original = instance.__dict__[name]
        if original in (None, "") or (hasattr(original, "__len__") and not len(original)):
            continue
        text = reading.lookup(content_type.pk, instance.pk, name)
        if text is None:
            reading.missing.add((label, instance.pk, name))
            continue
        english[name] = getattr(instance, name)
        if (label, name) in LIST_FIELDS:
            block = LIST_FIELDS[label, name]
            items = [line.strip() for line in text.splitlines() if line.strip()]
            setattr(instance, name, json.dumps([{"type": block, "value": v} for v in items]))
        else:
            setattr(instance, name, text)
    if english:
        instance._english = english


def _restore_english(sender, instance, **kwargs):
    """Never save a translation over the English original."""
    english = instance.__dict__.pop("_english", None)
    if english:
        for name, value in english.items():
            setattr(instance, name, value)


def connect_signals():
    for item in TRANSLATABLE.values():
        model = apps.get_model(item.model)
        uid = f"forum.core.translation.{item.model}"
        post_init.connect(_translate, sender=model, dispatch_uid=uid)
        pre_save.connect(_restore_english, sender=model, dispatch_uid=uid)


class reading_in:
    """Context manager: records loaded inside it are read in `language`."""

    def __init__(self, language: str):
        self.reading = Reading(language)

    def __enter__(self) -> Reading:
        self.token = _reading.set(self.reading)
        return self.reading

    def __exit__(self, *exc):
        _reading.reset(self.token)


def mark_untranslated(what: str):
    """Say that the page being read shows `what` in English (the notice follows)."""
    reading = _reading.get()
    if reading is not None:
        reading.missing.add(what)


def translated_labels(
    model, key_field: str, field_name: str, items: list[tuple], *, sort: bool = True
) -> list[tuple]:
    """(value, label, ...) tuples whose value is a record's key and whose label is its
    `field_name`, read from .values() rather than from records: their labels in the
    language being read (unchanged when reading English), sorted by the new labels."""
    reading = _reading.get()
    if reading is None or not items:
        return items
    keys = {str(item[0]).lower() for item in items}
    pks = {
        str(key).lower(): pk
        for key, pk in model.objects.values_list(key_field, "pk")
        if str(key).lower() in keys
    }
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    result = []
    for value, label, *rest in items:
        pk = pks.get(str(value).lower())
        text = reading.lookup(content_type.pk, pk, field_name) if pk is not None else None
        result.append((value, text or label, *rest))
    return sorted(result, key=lambda item: str(item[1]).casefold()) if sort else result


NOTICE_MARK = b"<!-- translation-notice -->"


class ContentLanguageMiddleware:
    """Public pages in another language than English read records in that language,
    and say which parts are still in English. After LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = get_language()
        _prefix, path = split_language(request.path_info)
        if (
            language == settings.LANGUAGE_CODE
            or request.method not in ("GET", "HEAD")
            or path.startswith(UNTRANSLATED_PREFIXES)
        ):
            return self.get_response(request)
        with reading_in(language) as reading:
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if (
            reading.missing
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and NOTICE_MARK in response.content
        ):
            notice = render_to_string("components/translation_notice.html", request=request)
            response.content = response.content.replace(NOTICE_MARK, notice.encode(), 1)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
