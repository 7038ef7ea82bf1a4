import pytest

pytestmark = pytest.mark.django_db


def test_group_list_gives_the_six_groups_active_first(get_json):
    _, body = get_json("/api/v1/working-groups/?limit=100")
    assert body["count"] == 6
    statuses = [group["status"] for group in body["results"]]
    assert statuses == sorted(statuses)  # "active" before "inactive"


def test_group_gives_its_lead_history(get_json):
    response, group = get_json("/api/v1/working-groups/data-360")
    assert response.status_code == 200
    assert group["name"] == "Data 360"
    assert group["lead"] == "EE"
    assert group["established_summit"] == "2018-jerusalem"
    history = group["lead_history"]
    assert len(history) >= 2
    assert {"member", "member_name", "period", "source"} <= set(history[0])
    assert "EE" in {lead["member"] for lead in history}
    assert "data-360-declaration-2019" in group["documents"]


def test_unknown_group_is_a_json_404(get_json):
    response, _ = get_json("/api/v1/working-groups/no-such-group")
    assert response.status_code == 404
