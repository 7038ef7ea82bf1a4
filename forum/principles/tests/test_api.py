import pytest

pytestmark = pytest.mark.django_db


def test_principle_list_gives_the_current_charter_first_in_its_order(get_json):
    _, body = get_json("/api/v1/principles/?limit=100")
    assert body["count"] == 14
    principles = body["results"]
    current = [p for p in principles if p["current"]]
    assert [p["position"] for p in current] == sorted(p["position"] for p in current)
    assert principles[0]["slug"] == "user-needs"
    first_dropped = next(i for i, p in enumerate(principles) if not p["current"])
    assert all(not p["current"] for p in principles[first_dropped:])


def test_principle_gives_its_wording_in_each_charter_version(get_json):
    response, principle = get_json("/api/v1/principles/user-needs")
    assert response.status_code == 200
    assert principle["name"] == "User needs"
    wordings = principle["wordings"]
    assert wordings, "no wording"
    assert {w["document"] for w in wordings} == {"dn-charter"}
    assert [w["version_date"] for w in wordings] == sorted(w["version_date"] for w in wordings)
    assert all(w["text"] and w["version_title"] for w in wordings)


def test_dropped_principle_says_so(get_json):
    _, principle = get_json("/api/v1/principles/teaching-children-to-code")
    assert principle["current"] is False
    assert principle["position"] is None


def test_unknown_principle_is_a_json_404(get_json):
    response, body = get_json("/api/v1/principles/no-such-principle")
    assert response.status_code == 404
    assert "no-such-principle" in body["detail"]
