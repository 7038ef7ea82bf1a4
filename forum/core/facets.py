"""What a list's filter selects show, shared by the documents and practices lists."""


def facet_fields(form, counts: dict, facets, any_labels: dict) -> list[dict]:
    """Each facet's values with their counts, the chosen one marked (and kept, with a
    count of 0, when nothing matches it any more)."""
    fields = []
    for name in facets:
        raw = (form.data.get(name) or "").strip()
        chosen = raw.lower() if name == "member" else raw
        options = [
            {"value": value, "label": label, "count": n, "selected": value == chosen}
            for value, label, n in counts.get(name, [])
        ]
        if chosen and not any(option["selected"] for option in options):
            options.insert(0, {"value": chosen, "label": chosen, "count": 0, "selected": True})
        fields.append(
            {
                "name": name,
                "label": form.fields[name].label,
                "any": any_labels[name],
                "options": options,
            }
        )
    return fields
