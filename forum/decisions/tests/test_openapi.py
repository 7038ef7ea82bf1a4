"""The decisions' part of the OpenAPI description: complete (forum/api/tests/test_openapi.py
checks the whole API against it with schemathesis)."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_description_is_valid_and_describes_every_operation_field_and_parameter(openapi):
    validate(openapi)
    assert {"/api/v1/decisions/", "/api/v1/decisions/{id}"} <= set(openapi["paths"])
    for path, methods in openapi["paths"].items():
        if not path.startswith("/api/v1/decisions/"):
            continue
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


# schemathesis checks every operation, these included: forum/api/tests/test_openapi.py.
