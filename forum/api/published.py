"""What the open data leaves out: the secretariat's working notes.

The domains' schemas (their api.py) describe records as the database holds them,
including how sure the secretariat is of a fact and where sources differ. Those notes are
for /cms/ → To verify (forum.site.verification), not for the public: the public pages
state each fact as recorded, with its sources at the foot, and so do the read API and
the bulk data. This module takes the notes out of both, at the one place where they are
published: the API's answers and OpenAPI description (forum.api.api) and the bulk files
and their Data Package (forum.api.bulk). A record's `sources` (and a group lead's
`source`) stay: they are its references.
"""

#: Fields of the API's records that hold working notes, at any depth (a principle's
#: wordings have a `confidence` too). A signature's or a wording's `note`, a version's
#: `text_note` and `change_note`, a document's `status_note` are public and stay.
WORKING_NOTES = frozenset(
    {
        "confidence",
        "confidence_note",
        "notes",
        "number_note",
        "dates_note",
        "chair_confidence",
        "chair_note",
    }
)


def without_working_notes(data):
    """A JSON value (a record, a page of records, a list) without the working notes."""
    if isinstance(data, dict):
        return {
            key: without_working_notes(value)
            for key, value in data.items()
            if key not in WORKING_NOTES
        }
    if isinstance(data, list):
        return [without_working_notes(value) for value in data]
    return data


def describe_without_working_notes(schema: dict) -> dict:
    """An OpenAPI description whose records no longer list the working notes."""
    for component in schema.get("components", {}).get("schemas", {}).values():
        properties = component.get("properties", {})
        for name in WORKING_NOTES & properties.keys():
            del properties[name]
        if "required" in component:
            component["required"] = [n for n in component["required"] if n not in WORKING_NOTES]
    return schema
