"""What a list's filter selects show, shared by the documents and practices lists."""

from forum.core.translation import translated_labels


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
