import json
import re

import pytest

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/", "WebSite"),
        ("/about/", "AboutPage"),
        ("/principles/", "CollectionPage"),
        ("/principles/user-needs/", "DefinedTerm"),
        ("/members/", "CollectionPage"),
        ("/members/ee/", "GovernmentOrganization"),
        ("/summits/", "CollectionPage"),
        ("/summits/2022-seoul/", "Event"),
        ("/working-groups/", "CollectionPage"),
        ("/working-groups/data-360/", "Project"),
        ("/documents/dn-charter/", "DigitalDocument"),
        ("/documents/dn-charter/versions/1/", "DigitalDocument"),
        ("/news/", "CollectionPage"),
        ("/news/denmark-tenth-member-2019/", "NewsArticle"),
    ],
)
def test_every_public_page_type_describes_itself_in_json_ld(client, url, kind):
    data = json_ld(client.get(url).content.decode())
    assert data["@context"] == "https://schema.org"
    types = [data.get("@type")] + [node["@type"] for node in data.get("@graph", [])]
    assert kind in types


def test_a_summit_is_an_event_with_its_dates_and_place(client):
    data = json_ld(client.get("/summits/2022-seoul/").content.decode())
    assert (data["startDate"], data["endDate"]) == ("2022-11-01", "2022-11-03")
    assert data["location"] == {"@type": "Place", "name": "Seoul"}
    online = json_ld(client.get("/summits/2021-united-kingdom/").content.decode())
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_the_member_list_names_the_ten_members(client):
    data = json_ld(client.get("/members/").content.decode())
    assert data["mainEntity"]["numberOfItems"] == 10
    names = [e["item"]["areaServed"]["name"] for e in data["mainEntity"]["itemListElement"]]
    assert "Estonia" in names and "Denmark" in names
