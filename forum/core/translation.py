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
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.db.models.signals import post_init, pre_save
from django.template.loader import render_to_string
from django.utils.translation import get_language

from forum.core.i18n import split_language


@dataclass(frozen=True)
class Translatable:
    """What of a model can be translated, declared on the model itself:
    `translatable = Translatable("members", key="iso_code", fields=("name", ...))`.

    `section` names the model's part of the translation files; `key` names each record
    there (a key of several fields, "document__slug,number", is written "dn-charter/5"),
    or is None for records that only the secretariat translates in /cms/; `lists` names
    the fields kept as a list in a StreamField, translated one item per line, with the
    name of their block."""

    section: str
    key: str | None
    fields: tuple[str, ...]
    lists: Mapping[str, str] = field(default_factory=dict)
    #: Filled in by the registry: the model's label, "members.Member".
    model: str = ""


class _Registry(Mapping):
    """Section -> Translatable, for every installed model that declares one, in the order
    of INSTALLED_APPS. Built on first use, once every model is loaded."""

    @functools.cached_property
    def _sections(self) -> dict[str, Translatable]:
        found = {}
        for model in apps.get_models():
            spec = model.__dict__.get("translatable")
            if isinstance(spec, Translatable):
                found[spec.section] = replace(spec, model=model._meta.label)
        return found

    @functools.cached_property
    def _by_model(self) -> dict[str, Translatable]:
        return {item.model: item for item in self._sections.values()}

    def of(self, label: str) -> Translatable | None:
        """What a model ("members.Member") declares, or None."""
        return self._by_model.get(label)

    def __getitem__(self, section):
        return self._sections[section]

    def __iter__(self):
        return iter(self._sections)

    def __len__(self):
        return len(self._sections)


TRANSLATABLE = _Registry()


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


def list_block(label: str, name: str) -> str | None:
    """The block of a field kept as a list in a StreamField ("aim"), or None."""
    item = TRANSLATABLE.of(label)
    return item.lists.get(name) if item else None


# Paths (without the language prefix) where records are edited, not read, and the open
# data files (in English, as the API, and cached for every address): never translated.
UNTRANSLATED_PREFIXES = ("/workspace/", "/accounts/", "/alerts/", "/data/")


def translatable_fields(model) -> tuple[str, ...]:
    item = TRANSLATABLE.of(model._meta.label)
    return item.fields if item else ()


def english_text(instance, name: str) -> str:
    """The English text of a field, as the translation form and files show it."""
    english = getattr(instance, "_english", {})
    value = english[name] if name in english else getattr(instance, name)
    if list_block(instance._meta.label, name):
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
            self.texts = _texts_in(self.language)
        return self.texts.get((content_type_id, str(object_id), name))


def _texts_in(language: str) -> dict:
    """Every translation into `language`, read once per content version (kept in the
    cache: a translation saved moves the content clock)."""
    from django.core.cache import cache

    from forum.core.models import ContentClock, Translation

    key = f"translations:{language}:{ContentClock.version()}"
    texts = cache.get(key)
    if texts is None:
        rows = Translation.objects.filter(language=language).exclude(text="")
        texts = {
            (ct, oid, fld): text
            for ct, oid, fld, text in rows.values_list(
                "content_type_id", "object_id", "field", "text"
            )
        }
        cache.set(key, texts, settings.PAGE_CACHE_SECONDS or 600)
    return texts


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
        block = list_block(label, name)
        if block:
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
    from django.db.models.signals import post_delete, post_save

    from forum.core.models import Translation

    for signal in (post_save, post_delete):
        signal.connect(_translation_changed, sender=Translation, dispatch_uid=f"reindex-{signal}")
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


# The search index holds each record's translations too, so that a query in any of the
# site's languages finds it (forum.core.fulltext searches the index).


#: Fields that hold the secretariat's working notes (doubts, sources that differ): kept
#: for /cms/ ("To verify"), never searched, in any language.
WORKING_NOTES = ("notes", "confidence_note", "number_note", "dates_note", "chair_note")


def translated_texts(*records) -> str:
    """Every translation of these records' public fields, as one text."""
    match = Q()
    for record in records:
        content_type = ContentType.objects.get_for_model(record, for_concrete_model=False)
        match |= Q(content_type=content_type, object_id=str(record.pk))
    from forum.core.models import Translation

    translations = Translation.objects.filter(match).exclude(field__in=WORKING_NOTES)
    return "\n".join(translations.values_list("text", flat=True))


def in_every_language(records, field: str) -> str:
    """One field of these records in English and in every translation, as one text: what
    another record is also found by (a summit by its host's name, in any language)."""
    records = [record for record in records if record is not None]
    if not records:
        return ""
    from forum.core.models import Translation

    content_type = ContentType.objects.get_for_model(records[0], for_concrete_model=False)
    translations = Translation.objects.filter(
        content_type=content_type, object_id__in=[str(r.pk) for r in records], field=field
    )
    texts = [getattr(record, field) for record in records]
    return "\n".join([*texts, *translations.values_list("text", flat=True)])


class TranslatedInSearch:
    """A searched model whose translations are searched with it: put
    `index.SearchField("translated_texts")` in its `search_fields`. A record indexed in
    bulk (the demo data) may carry them already, as `_translated_texts`."""

    def translated_texts(self) -> str:
        if "_translated_texts" in self.__dict__:
            return self._translated_texts
        return translated_texts(self, *self.translated_parts())

    def translated_parts(self) -> list:
        """Records whose translations belong to this one's in the index (its versions…)."""
        return []

    def search_record(self):
        return self


def reindex_translated(records) -> None:
    """Index again the records these translations are of (or the records they are part
    of: a document for its version's)."""
    from wagtail.search import index

    done = set()
    for record in records:
        target = record.search_record() if hasattr(record, "search_record") else record
        key = (target._meta.label, target.pk)
        if key in done or not index.class_is_indexed(type(target)):
            continue
        done.add(key)
        index.insert_or_update_object(target)


def _translation_changed(sender, instance, **kwargs):
    try:
        record = instance.record
    except ObjectDoesNotExist:
        return
    reindex_translated([record])


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
