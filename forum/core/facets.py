"""What a list's filter selects show, shared by the documents and practices lists: each
facet's values counted with the other filters applied, kept under the content version."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache

from forum.core.models import ContentClock
from forum.core.translation import translated_labels


def cached_counts(list_name: str, filters: dict, facets, count) -> dict:
    """{facet: count(facet)} for each facet, each kept in the cache under the content
    version and the filters other than its own: /documents/?member=ee and /documents/
    share the member facet's counts, computed once per change of content. `count` must
    give the same answer in every language (labels are translated afterwards)."""
    version = ContentClock.version()
    keys = {}
    for facet in facets:
        others = sorted((name, str(value)) for name, value in filters.items() if name != facet)
        digest = hashlib.sha256(json.dumps(others).encode()).hexdigest()[:32]
        keys[facet] = f"facets:{list_name}:{version}:{facet}:{digest}"
    found = cache.get_many(list(keys.values()))
    counts, computed = {}, {}
    for facet, key in keys.items():
        if key in found:
            counts[facet] = found[key]
        else:
            counts[facet] = computed[key] = count(facet)
    if computed:
        cache.set_many(computed, settings.PAGE_CACHE_SECONDS or 600)
    return counts


def facet_fields(form, counts: dict, facets, any_labels: dict, records=None) -> list[dict]:
    """Each facet's values with their counts, the chosen one marked (and kept, with a
    count of 0, when nothing matches it any more). `records` names the facets whose values
    are records, {facet: (model, key field, label field)}: their labels are translated."""
    fields = []
    for name, (model, key_field, label_field) in (records or {}).items():
        if name in counts:
            counts[name] = translated_labels(model, key_field, label_field, counts[name])
    for name in facets:
        raw = (form.data.get(name) or "").strip()
        chosen = raw.lower() if name == "member" else raw
        options = [
            {"value": value, "label": label, "count": n, "selected": value == chosen}
            for value, label, n in counts.get(name, [])
        ]
        if chosen and not any(option["selected"] for option in options):
            labels = {str(value): label for value, label in _choices(form.fields[name])}
            label = labels.get(chosen, chosen)
            options.insert(0, {"value": chosen, "label": label, "count": 0, "selected": True})
        fields.append(
            {
                "name": name,
                "label": form.fields[name].label,
                "any": any_labels[name],
                "options": options,
            }
        )
    return fields


def _choices(field) -> list:
    """A form field's (value, label) choices, if it has plain ones."""
    try:
        return [choice for choice in field.choices if not isinstance(choice[1], list | tuple)]
    except (AttributeError, TypeError):
        return []
