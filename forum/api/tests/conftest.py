import pytest


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # Tests make many requests from one address; test_http.py turns the limit on.
    settings.API_RATE_LIMIT = 0


@pytest.fixture
def get_json(client):
    """GET an address and return (response, parsed JSON body)."""

    def get(url, **headers):
        response = client.get(url, headers=headers)
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response, response.json()

    return get
