"""The OpenAPI description: valid, complete, and true of the API (schemathesis)."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("get", "/api/v1/"),
    ("get", "/api/v1/decisions/"),
    ("get", "/api/v1/decisions/{id}"),
    ("get", "/api/v1/members/"),
    ("get", "/api/v1/members/{iso2}"),
    ("get", "/api/v1/principles/"),
    ("get", "/api/v1/principles/{slug}"),
    ("get", "/api/v1/summits/"),
    ("get", "/api/v1/summits/{slug}"),
    ("get", "/api/v1/working-groups/"),
    ("get", "/api/v1/working-groups/{slug}"),
    ("get", "/api/v1/documents/"),
    ("get", "/api/v1/documents/{slug}"),
    ("get", "/api/v1/news/"),
    ("get", "/api/v1/news/{slug}"),
    ("get", "/api/v1/practices/"),
    ("get", "/api/v1/practices/{slug}"),
    ("get", "/api/v1/statements/"),
    ("get", "/api/v1/statements/{id}"),
}
DOCUMENT_FILTERS = ["q", "type", "year", "member", "group", "summit", "principle", "status", "sort"]


@pytest.fixture
def openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_openapi_description_is_valid(openapi):
    validate(openapi)
    assert openapi["openapi"].startswith("3.")
    assert openapi["info"]["version"] == "1.0.0"


def test_openapi_describes_every_operation_and_parameter(openapi):
    operations = {(m, p) for p, methods in openapi["paths"].items() for m in methods}
    assert operations == OPERATIONS
    for path, methods in openapi["paths"].items():
        for operation in methods.values():
            assert operation["summary"] and operation["description"], path
            assert operation["tags"], path
            for parameter in operation["parameters"]:
                assert parameter["description"], (path, parameter["name"])
            assert {"200", "429"} <= set(operation["responses"]), path
    names = [p["name"] for p in openapi["paths"]["/api/v1/documents/"]["get"]["parameters"]]
    assert sorted(names) == sorted(["limit", "offset", *DOCUMENT_FILTERS])


def test_openapi_describes_every_field_of_every_record(openapi):
    for name, schema in openapi["components"]["schemas"].items():
        assert schema.get("description"), name
        for field, spec in schema["properties"].items():
            assert spec.get("description"), f"{name}.{field}"


def test_docs_page_lists_every_operation_on_our_host_only(client, openapi):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<script" not in html
    for path, methods in openapi["paths"].items():
        for operation in methods.values():
            assert f'id="{operation["operationId"]}"' in html
            assert f"<code>GET {path}</code>" in html
    assert "<code>member</code>" in html  # a documents filter, described
    assert "curl -s &#x27;http://testserver/api/v1/members/ee&#x27;" in html
    hosts = set(re.findall(r'(?:src|href)="(?:https?:)?//([^/"]+)', html))
    assert hosts <= {"testserver"}


@pytest.fixture
def wsgi_app():
    # As Django's test client does: the test's transaction must survive each request.
    request_started.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_its_openapi_description_says(case):
    # The WSGI transport does not decompress; the answers' gzip is tested elsewhere.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )


def test_an_empty_filter_is_accepted_and_the_description_says_so(client, openapi):
    for path in ("/api/v1/documents/", "/api/v1/practices/"):
        for parameter in openapi["paths"][path]["get"]["parameters"]:
            if parameter["name"] in ("limit", "offset"):
                continue
            schema = parameter["schema"]
            assert parameter["allowEmptyValue"] is True, parameter["name"]
            if "pattern" in schema:
                assert re.search(schema["pattern"], ""), parameter["name"]
            if "enum" in schema:
                assert "" in schema["enum"], parameter["name"]
            response = client.get(f"{path}?{parameter['name']}=")
            assert response.status_code == 200, parameter["name"]


def test_refusals_are_described_with_their_json_body(openapi):
    for path, methods in openapi["paths"].items():
        responses = methods["get"]["responses"]
        assert "414" in responses, path
        if "{" not in path and path != "/api/v1/":
            assert "400" in responses, path
        for status in ("400", "404", "414", "429"):
            if status in responses:
                body = responses[status]["content"]["application/json"]["schema"]
                assert body == {"$ref": "#/components/schemas/Error"}, (path, status)
