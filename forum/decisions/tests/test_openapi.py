"""The decisions' part of the OpenAPI description: complete, and true of the API
(schemathesis), as forum/api/tests/test_openapi.py checks the whole API."""

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


@pytest.fixture
def openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_description_is_valid_and_describes_every_operation_field_and_parameter(openapi):
    validate(openapi)
    assert set(openapi["paths"]) == {"/api/v1/decisions/", "/api/v1/decisions/{id}"}
    for path, methods in openapi["paths"].items():
        for operation in methods.values():
            assert operation["summary"] and operation["description"] and operation["tags"]
            for parameter in operation["parameters"]:
                assert parameter["description"], (path, parameter["name"])
            assert {"200", "414", "429"} <= set(operation["responses"]), path
    for name, schema in openapi["components"]["schemas"].items():
        assert schema.get("description"), name
        for field, spec in schema["properties"].items():
            assert spec.get("description"), f"{name}.{field}"
            assert "confidence" not in field and field != "notes", f"{name}.{field}"


@pytest.fixture
def wsgi_app():
    request_started.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_answers_as_its_openapi_description_says(case):
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
