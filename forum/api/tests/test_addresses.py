"""/api/ names the API's versions; under /api/v1/ every address answers with or without
its trailing slash (a permanent redirect to the one that is the API's), and anything else
is a JSON 404."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_lists_its_versions(client, get_json):
    response, index = get_json("/api/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert index["versions"] == [
        {
            "version": "v1",
            "status": "current",
            "url": "http://testserver/api/v1/",
            "openapi": "http://testserver/api/v1/openapi.json",
        }
    ]
    assert index["docs"] == "http://testserver/api/docs/"
    assert client.get(index["versions"][0]["url"]).status_code == 200
    assert client.get(index["docs"]).status_code == 200
    refused = client.post("/api/")
    assert refused.status_code == 405
    assert refused.json()["detail"]


def test_api_without_its_slash_leads_there(client):
    response = client.get("/api")
    assert response.status_code in (301, 308)
    assert response["Location"] == "/api/"


@pytest.mark.parametrize(
    ("address", "target"),
    [
        ("/api/v1/members", "/api/v1/members/"),
        ("/api/v1/documents?type=charter&limit=2", "/api/v1/documents/?type=charter&limit=2"),
        ("/api/v1/members/ee/", "/api/v1/members/ee"),
        ("/api/v1/working-groups/data-360/", "/api/v1/working-groups/data-360"),
        ("/api/v1/openapi.json/", "/api/v1/openapi.json"),
    ],
)
def test_either_form_of_an_address_leads_to_the_apis(client, address, target):
    response = client.get(address)
    assert response.status_code == 308
    assert response["Location"] == target
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["detail"] == f"The API's address is {target}"
    assert client.get(target).status_code == 200


def test_the_version_without_its_slash_leads_there(client):
    response = client.get("/api/v1")
    assert response.status_code in (301, 308)
    assert response["Location"] == "/api/v1/"


@pytest.mark.parametrize(
    "address", ["/api/v1/nothing", "/api/v1/nothing/", "/api/v1/members/zz/x", "/api/v2/"]
)
def test_an_address_that_is_none_of_the_apis_is_a_json_404(client, address):
    response = client.get(address)
    if address.startswith("/api/v1/"):
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert "/api/docs/" in response.json()["detail"]
    else:
        assert response.status_code == 404


def test_a_very_long_address_is_not_redirected(client):
    response = client.get("/api/v1/members/" + "x" * 2500 + "/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
