import pytest

pytestmark = pytest.mark.django_db


def test_summit_list_is_newest_first(get_json):
    _, body = get_json("/api/v1/summits/?limit=100")
    assert body["count"] == 10
    numbers = [summit["number"] for summit in body["results"]]
    assert numbers == sorted(numbers, reverse=True)


def test_summit_detail_gives_host_chair_and_documents(get_json):
    response, summit = get_json("/api/v1/summits/2022-seoul")
    assert response.status_code == 200
    assert summit["host"] == "KR"
    assert summit["city"] == "Seoul"
    assert summit["year"] == 2022
    assert summit["chair_name"] == "Lee Sang-min"
    assert summit["theme"] == "Agile and Active Digital Governance"
    assert "dn-communique-2022" in summit["documents"]


def test_unknown_summit_is_a_json_404(get_json):
    response, body = get_json("/api/v1/summits/1999-nowhere")
    assert response.status_code == 404
    assert body["detail"] == "There is no summit “1999-nowhere”."
