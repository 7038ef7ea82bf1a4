"""The read API and the bulk data publish each record's facts and sources, never the
secretariat's working notes on them (how sure it is, where sources differ): those stay in
/cms/ → To verify."""

import csv
import io

import pytest

from forum.api.bulk import COLLECTIONS
from forum.api.published import WORKING_NOTES

pytestmark = pytest.mark.django_db

KINDS = {
    "members": "ee",
    "principles": "user-needs",
    "summits": "2022-seoul",
    "working-groups": "data-360",
    "documents": "dn-charter",
    "news": "denmark-tenth-member-2019",
}


def keys(value) -> set[str]:
    """Every key of a JSON value, at any depth."""
    if isinstance(value, dict):
        return set(value) | {k for item in value.values() for k in keys(item)}
    if isinstance(value, list):
        return {k for item in value for k in keys(item)}
    return set()


@pytest.mark.parametrize("kind", KINDS)
def test_the_api_publishes_no_working_notes(get_json, kind):
    _, page = get_json(f"/api/v1/{kind}/?limit=100")
    _, record = get_json(f"/api/v1/{kind}/{KINDS[kind]}")
    assert page["results"]
    assert not keys(page) & WORKING_NOTES
    assert not keys(record) & WORKING_NOTES
    assert record["sources"]  # the references stay
    assert all(url.startswith("http") for url in record["sources"])


def test_what_is_public_stays(get_json):
    _, charter = get_json("/api/v1/documents/dn-charter")
    assert "note" in charter["signatures"][0]
    assert "change_note" in charter["versions"][0] and "status_note" in charter
    _, group = get_json("/api/v1/working-groups/data-360")
    assert "source" in group["lead_history"][0]


def test_the_openapi_description_lists_no_working_notes(get_json):
    _, openapi = get_json("/api/v1/openapi.json")
    for name, component in openapi["components"]["schemas"].items():
        assert not set(component.get("properties", {})) & WORKING_NOTES, name
        assert not set(component.get("required", [])) & WORKING_NOTES, name
    assert "sources" in openapi["components"]["schemas"]["MemberOut"]["properties"]
    assert "working notes" in openapi["info"]["description"]


@pytest.mark.parametrize("name", COLLECTIONS)
def test_the_bulk_files_hold_no_working_notes(client, name):
    text = client.get(f"/data/{name}.csv").content.decode()
    header = next(csv.reader(io.StringIO(text)))
    assert not set(header) & WORKING_NOTES
    assert not keys(client.get(f"/data/{name}.json").json()) & WORKING_NOTES


def test_the_data_package_describes_no_working_notes(client):
    package = client.get("/data/datapackage.json").json()
    for resource in package["resources"]:
        names = {field["name"] for field in resource["schema"]["fields"]}
        assert not names & WORKING_NOTES, resource["name"]
    members = next(r for r in package["resources"] if r["name"] == "members")
    assert "sources" in {field["name"] for field in members["schema"]["fields"]}
