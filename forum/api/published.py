"""What the open data leaves out: the secretariat's working notes.

The records keep how sure the secretariat is of a fact and where sources differ: notes
for /cms/ → To verify (forum.site.verification), not for the public. The public pages
state each fact as recorded, with its sources at the foot, and so do the read API (the
domains' schemas, their api.py, do not declare the notes) and the bulk data, which
writes the same schemas' records and leaves out any field of this list (forum.api.bulk). A record's
`sources` (and a group lead's `source`) stay: they are its references. The tests check
both against this list.
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
