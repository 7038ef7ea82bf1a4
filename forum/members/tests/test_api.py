import pytest

pytestmark = pytest.mark.django_db


def test_member_list_gives_the_ten_members_in_the_order_they_joined(get_json):
    response, body = get_json("/api/v1/members/?limit=100")
    assert response.status_code == 200
    assert body["count"] == 10
    assert body["next"] is None and body["previous"] is None
    codes = [member["iso_code"] for member in body["results"]]
    assert codes[:5] == ["EE", "IL", "NZ", "KR", "GB"]
    assert codes[-1] == "DK"
    assert all(member["founding"] for member in body["results"][:5])


def test_member_detail_gives_the_estonian_body(get_json):
    response, member = get_json("/api/v1/members/ee")
    assert response.status_code == 200
    assert member["iso_code"] == "EE"
    assert member["name"] == "Estonia"
    assert member["government_body"] == (
        "Ministry of Economic Affairs and Communications of the Republic of Estonia"
    )
    assert member["joined_year"] == 2014
    assert member["joined_summit"] == "2014-london"
    assert member["url"] == "http://testserver/members/ee/"
    assert member["summits_hosted"] == ["2015-tallinn"]
    assert member["groups_led"] == ["data-360"]
    assert {s["document"] for s in member["signatures"]} >= {"dn-charter"}
    assert member["sources"] and "confidence" not in member  # the secretariat's (/cms/)


def test_member_code_may_be_in_capitals(get_json):
    _, member = get_json("/api/v1/members/EE")
    assert member["name"] == "Estonia"


def test_unknown_member_is_a_json_404(get_json):
    response, body = get_json("/api/v1/members/zz")
    assert response.status_code == 404
    assert body == {"detail": "There is no member with the code “zz”."}
