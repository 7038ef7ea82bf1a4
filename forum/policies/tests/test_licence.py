"""The licence of the content and the open data: set once in /cms/ → Settings, named on
the licence page, on /data/ and in its Data Package, in the API's OpenAPI description and
in every Atom feed."""

import pytest

from forum.core.tests.helpers import parse_feed
from forum.policies.models import Licence

pytestmark = pytest.mark.django_db

FEEDS = ["/feeds/documents/", "/feeds/news/", "/feeds/practices/"]
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def everywhere(client) -> dict[str, str]:
    """Where the licence is named: each place's text."""
    places = {
        "licence page": client.get("/licence/").content.decode(),
        "licence page in French": client.get("/fr/licence/").content.decode(),
        "open data page": client.get("/data/").content.decode(),
        "api docs": client.get("/api/docs/").content.decode(),
    }
    package = client.get("/data/datapackage.json").json()
    places["datapackage.json"] = repr(package["licenses"])
    openapi = client.get("/api/v1/openapi.json").json()
    places["openapi.json"] = repr(openapi["info"]["license"])
    for url in FEEDS:
        places[url] = parse_feed(client, url).feed.rights
    return places


def test_cc_by_4_is_the_default_everywhere(client):
    package = client.get("/data/datapackage.json").json()
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": CC_BY,
            "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        }
    ]
    openapi = client.get("/api/v1/openapi.json").json()
    assert openapi["info"]["license"] == {"name": "CC BY 4.0", "url": CC_BY}
    for url in FEEDS:
        rights = parse_feed(client, url).feed.rights
        assert rights == (
            "© Digital Nations. Licensed under Creative Commons Attribution 4.0 "
            f"International (CC BY 4.0): {CC_BY}"
        )
    for place, text in everywhere(client).items():
        assert "CC BY 4.0" in text, place
        if place != "api docs":  # which links to the licence page
            assert CC_BY in text, place
    data = client.get("/data/").content.decode()
    assert f'<a href="{CC_BY}" rel="license">' in data


def test_changing_the_setting_changes_every_place(client, django_capture_on_commit_callbacks):
    everywhere(client)  # everything read, and kept where it is kept, once
    licence = Licence.load()
    licence.name = "OGL v3.0"
    licence.title = "Open Government Licence v3.0"
    licence.identifier = "OGL-UK-3.0"
    licence.url = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    licence.holder = "The Digital Nations secretariat"
    with django_capture_on_commit_callbacks(execute=True):
        licence.save()
    for place, text in everywhere(client).items():
        assert "OGL v3.0" in text, place
        if place != "api docs":  # whose introduction names the default
            assert "CC BY" not in text, place
    package = client.get("/data/datapackage.json").json()
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    assert parse_feed(client, "/feeds/news/").feed.rights.startswith(
        "© The Digital Nations secretariat."
    )


def test_the_secretariat_sets_it_in_the_cms(verified_secretariat_client):
    client = verified_secretariat_client
    form = client.get("/cms/settings/policies/licence/", follow=True)
    assert form.status_code == 200
    assert "CC BY 4.0" in form.content.decode()
    url = form.redirect_chain[-1][0]
    response = client.post(
        url,
        {
            "name": "CC BY-SA 4.0",
            "title": "Creative Commons Attribution-ShareAlike 4.0 International",
            "identifier": "CC-BY-SA-4.0",
            "url": "https://creativecommons.org/licenses/by-sa/4.0/",
            "holder": "Digital Nations",
        },
    )
    assert response.status_code == 302
    assert Licence.load().name == "CC BY-SA 4.0"
