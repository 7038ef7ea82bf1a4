import pytest

pytestmark = pytest.mark.django_db


def test_the_five_active_groups_with_their_leads(client):
    response = client.get("/working-groups/")
    active = {g.name: g.lead.iso_code for g in response.context["groups"] if g.status == "active"}
    assert active == {
        "Artificial Intelligence": "MX",
        "Data 360": "EE",
        "Digital Identity": "PT",
        "Sustainable Digital Government": "CA",
        "Digital Governance": "KR",
    }
    html = response.content.decode()
    assert "Led by Mexico" in html
    assert "Digital Rights" in html  # listed under Inactive
    assert "Inactive" in html


def test_group_page_states_its_lead_as_recorded_without_the_disagreement(client):
    html = client.get("/working-groups/data-360/").content.decode()
    assert 'href="/members/ee/"' in html
    assert "Sources differ" not in html
    assert "Lead differs between the overview page (Estonia)" not in html  # in /cms/ only
    assert 'href="/documents/data-360-declaration-2019/"' in html
    assert "The forum has not published which members take part in this group." in html
