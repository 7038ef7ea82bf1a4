import csv
import hashlib
import io
import json

import pytest

from forum.members.models import Member

pytestmark = pytest.mark.django_db

COLLECTIONS = [
    "members",
    "principles",
    "principle-wordings",
    "summits",
    "working-groups",
    "documents",
    "document-versions",
    "signatures",
    "news",
    "practices",
    "decisions",
    "progress-notes",
    "statements",
]


def read_csv(client, name):
    response = client.get(f"/data/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    text = response.content.decode("utf-8")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    return header, [dict(zip(header, row, strict=True)) for row in body]


def cell(value):
    """A value of the API as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def test_data_page_lists_every_collection_with_its_files(client):
    response = client.get("/data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for name in COLLECTIONS:
        assert f'href="/data/{name}.csv"' in html
        assert f'href="/data/{name}.json"' in html
    assert 'href="/data/datapackage.json"' in html
    rows = {c["name"]: c for c in response.context["collections"]}
    assert [rows[name]["count"] for name in ("members", "summits", "working-groups")] == [10, 10, 6]
    assert rows["documents"]["count"] == 8
    assert rows["document-versions"]["count"] == 12
    assert all(c["csv"] > 0 and c["json"] > 0 for c in rows.values())


@pytest.mark.parametrize(
    "name", ["members", "documents", "summits", "principles", "news", "practices"]
)
def test_csv_says_what_the_api_says(client, name):
    api = client.get(f"/api/v1/{name}/?limit=100").json()
    header, rows = read_csv(client, name)
    assert len(rows) == api["count"]
    for record, row in zip(api["results"], rows, strict=True):
        assert {field: cell(record[field]) for field in header} == row


def test_document_versions_csv_says_what_the_api_says(client):
    documents = client.get("/api/v1/documents/?limit=100").json()["results"]
    _, rows = read_csv(client, "document-versions")
    by_key = {(row["document"], row["number"]): row for row in rows}
    versions = [(d["slug"], v) for d in documents for v in d["versions"]]
    assert len(versions) == len(rows) == 12
    for slug, version in versions:
        row = by_key[(slug, str(version["number"]))]
        assert {field: cell(version[field]) for field in version} == {
            field: row[field] for field in version
        }
    charter = [row for row in rows if row["document"] == "dn-charter"]
    assert [row["number"] for row in charter] == ["1", "2", "3", "4", "5"]


def test_signatures_csv_says_what_the_api_says(client):
    documents = client.get("/api/v1/documents/?limit=100").json()["results"]
    _, rows = read_csv(client, "signatures")
    api = sorted(
        tuple(cell(v) for v in (d["slug"], s["member"], s["version"], s["act"], s["signer"]))
        for d in documents
        for s in d["signatures"]
    )
    fields = ("document", "member", "version", "act", "signer")
    assert api == sorted(tuple(row[f] for f in fields) for row in rows)


def test_json_files_hold_the_same_rows_as_the_csv(client):
    for name in COLLECTIONS:
        header, rows = read_csv(client, name)
        records = client.get(f"/data/{name}.json").json()
        assert [list(record) for record in records] == [header] * len(records)
        assert [{k: cell(v) for k, v in record.items()} for record in records] == rows


def test_datapackage_describes_every_file_and_field(client):
    response = client.get("/data/datapackage.json")
    assert response.status_code == 200
    package = response.json()
    assert package["profile"] == "data-package"
    profiles = {r["format"]: r["profile"] for r in package["resources"]}
    assert profiles == {"csv": "tabular-data-resource", "json": "data-resource"}
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {f"{n}.{fmt}" for n in COLLECTIONS for fmt in ("csv", "json")}
    assert len({r["name"] for r in package["resources"]}) == len(resources)
    for name in COLLECTIONS:
        header, _ = read_csv(client, name)
        for fmt, mediatype in (("csv", "text/csv"), ("json", "application/json")):
            resource = resources[f"{name}.{fmt}"]
            assert resource["format"] == fmt and resource["mediatype"] == mediatype
            assert resource["encoding"] == "utf-8"
            fields = resource["schema"]["fields"]
            assert [f["name"] for f in fields] == header
            for field in fields:
                assert field["type"] in {"string", "integer", "boolean", "date", "array"}
                assert field["description"], (name, field["name"])
            content = client.get(f"/data/{name}.{fmt}").content
            assert resource["bytes"] == len(content)
            assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()


def test_datapackage_keys_hold(client):
    package = client.get("/data/datapackage.json").json()
    tables = {}
    for resource in package["resources"]:
        if resource["format"] == "csv":
            tables[resource["name"]] = (resource["schema"], read_csv(client, resource["name"])[1])
    for name, (schema, rows) in tables.items():
        if "primaryKey" in schema:
            keys = [tuple(row[f] for f in schema["primaryKey"]) for row in rows]
            assert len(set(keys)) == len(keys), name
        for foreign in schema.get("foreignKeys", []):
            target_rows = tables[foreign["reference"]["resource"]][1]
            targets = {row[foreign["reference"]["fields"]] for row in target_rows}
            values = {row[foreign["fields"]] for row in rows} - {""}
            assert values <= targets, (name, foreign)


def test_files_are_regenerated_when_content_changes(client, django_capture_on_commit_callbacks):
    _, before = read_csv(client, "members")
    estonia = Member.objects.get(iso_code="EE")
    estonia.government_body = "Estonian Ministry of Digital Things"
    with django_capture_on_commit_callbacks(execute=True):
        estonia.save()
    _, after = read_csv(client, "members")
    assert before[0]["government_body"] != after[0]["government_body"]
    assert after[0]["government_body"] == "Estonian Ministry of Digital Things"
    assert (
        "Estonian Ministry of Digital Things" in client.get("/data/members.json").content.decode()
    )


def test_files_are_cached_between_requests(client, django_assert_max_num_queries):
    client.get("/data/members.csv")
    # the content version (the content clock) and its Last-Modified
    with django_assert_max_num_queries(2):
        assert client.get("/data/documents.csv").status_code == 200


def test_data_files_are_open_data(client):
    response = client.get("/data/members.csv")
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get("/data/members.csv", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    missing = client.get("/data/nothing.csv")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Not found."


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(client):
    from forum.members.models import Member

    Member.objects.filter(iso_code="EE").update(
        government_body='=HYPERLINK("http://evil.example","Click")', name="@SUM(1+1)"
    )
    header, rows = read_csv(client, "members")
    estonia = next(row for row in rows if row["iso_code"] == "EE")
    assert estonia["government_body"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert estonia["name"] == "'@SUM(1+1)"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


def test_decisions_csv_says_what_the_api_says_and_notes_name_their_decision(
    client, django_capture_on_commit_callbacks
):
    """The decisions the records prove, as the API gives them; each public progress note
    with the id of its decision; a proposed note, not yet approved, nowhere."""
    import datetime

    from forum.decisions.models import Decision, ProgressNote

    api = client.get("/api/v1/decisions/?limit=100").json()
    header, rows = read_csv(client, "decisions")
    assert len(rows) == api["count"] == Decision.objects.count() > 10
    for record, row in zip(api["results"], rows, strict=True):
        assert {field: cell(record[field]) for field in header} == row
    decision = Decision.objects.get(basis="started", group__slug="data-360")
    with django_capture_on_commit_callbacks(execute=True):
        ProgressNote.objects.create(
            decision=decision,
            date=datetime.date(2020, 1, 31),
            text="First meeting held.",
            approved=True,
        )
        ProgressNote.objects.create(
            decision=decision,
            date=datetime.date(2020, 3, 1),
            text="Proposed, not approved.",
            approved=False,
        )
    header, notes = read_csv(client, "progress-notes")
    assert header[0] == "decision"
    mine = [note for note in notes if note["decision"] == str(decision.pk)]
    assert [(note["date"], note["text"]) for note in mine] == [
        ("2020-01-31", "First meeting held.")
    ]


def test_statements_csv_has_the_current_published_statements(
    client, django_capture_on_commit_callbacks
):
    """Each member's current statement, as the API gives it; a draft nowhere."""
    import datetime

    from forum.members.models import Member
    from forum.principles.models import Principle
    from forum.statements.models import Statement

    estonia = Member.objects.get(iso_code="EE")
    principle = Principle.objects.get(slug="user-needs")
    with django_capture_on_commit_callbacks(execute=True):
        Statement.objects.create(
            member=estonia,
            principle=principle,
            text="We test every service with its users.",
            written_on=datetime.date(2024, 3, 1),
            status="published",
        )
        Statement.objects.create(
            member=Member.objects.get(iso_code="DK"),
            principle=principle,
            text="A draft.",
            written_on=datetime.date(2025, 3, 1),
        )
    header, rows = read_csv(client, "statements")
    assert [(row["member"], row["principle"], row["text"], row["year"]) for row in rows] == [
        ("EE", "user-needs", "We test every service with its users.", "2024")
    ]
