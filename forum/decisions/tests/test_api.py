import datetime

import pytest

from forum.decisions.models import Decision, DecisionBasis, DecisionStatus
from forum.summits.models import Summit
from forum.tests.factories import MemberFactory, WorkingGroupFactory

from .factories import DecisionFactory, ProgressNoteFactory

pytestmark = pytest.mark.django_db


def test_decision_list_is_newest_summit_first_without_working_notes(get_json):
    response, body = get_json("/api/v1/decisions/?limit=100")
    assert response.status_code == 200
    assert body["count"] == Decision.objects.count() > 0
    numbers = [Summit.objects.get(slug=d["summit"]).number for d in body["results"] if d["summit"]]
    assert numbers == sorted(numbers, reverse=True)
    for decision in body["results"]:
        assert "confidence" not in decision and "confidence_note" not in decision
        assert decision["url"].startswith("http://testserver/decisions/")


def test_decision_list_takes_the_filters_of_the_page(get_json):
    summit = Summit.objects.get(year=2021)
    _, body = get_json(f"/api/v1/decisions/?summit={summit.slug}&status=done")
    assert body["count"] == Decision.objects.filter(summit=summit).count() > 0
    renewed = [d for d in body["results"] if d["basis"] == "renewed"]
    assert renewed[0]["document"] == "dn-charter"
    assert renewed[0]["sources"]
    assert renewed[0]["title"].startswith("Charter renewed: ")


def test_unknown_filter_value_is_a_json_400(get_json):
    response, body = get_json("/api/v1/decisions/?group=no-such-group")
    assert response.status_code == 400
    assert "group" in body["errors"]


def test_decision_detail_gives_carriers_and_progress(get_json):
    member, group = MemberFactory(), WorkingGroupFactory()
    decision = DecisionFactory(
        group=group, status=DecisionStatus.IN_PROGRESS, due_date=datetime.date(2031, 1, 1)
    )
    decision.members.add(member)
    decision.save()
    ProgressNoteFactory(decision=decision, text="Started", url="https://example.org/a")
    response, body = get_json(f"/api/v1/decisions/{decision.pk}")
    assert response.status_code == 200
    assert body["members"] == [member.iso_code]
    assert body["group"] == group.slug
    assert body["status"] == "in_progress"
    assert body["due_date"] == "2031-01-01"
    assert body["basis"] == ""
    assert body["progress"] == [
        {
            "date": "2030-06-01",
            "text": "Started",
            "documents": [],
            "practices": [],
            "news": [],
            "url": "https://example.org/a",
        }
    ]


def test_unknown_decision_is_a_json_404(get_json):
    response, body = get_json("/api/v1/decisions/999999")
    assert response.status_code == 404
    assert body["detail"] == "There is no decision “999999”."


def test_openapi_describes_the_decisions(get_json):
    _, schema = get_json("/api/v1/openapi.json")
    assert "/api/v1/decisions/" in schema["paths"]
    fields = schema["components"]["schemas"]["DecisionOut"]["properties"]
    assert fields["status"]["description"]
    assert "confidence" not in fields and "confidence_note" not in fields


def test_derived_decisions_are_marked_with_their_basis(get_json):
    _, body = get_json("/api/v1/decisions/?limit=100")
    bases = {d["basis"] for d in body["results"]}
    assert {DecisionBasis.ADOPTED, DecisionBasis.RENEWED} <= bases


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/decisions/99999999999999999999999",
        "/api/v1/decisions/-1",
        "/api/v1/decisions/?limit=0",
        "/api/v1/decisions/?member=%00",
    ],
)
def test_hostile_api_addresses_get_a_json_4xx(get_json, path):
    response, body = get_json(path)
    assert 400 <= response.status_code < 500
    assert body["detail"]
