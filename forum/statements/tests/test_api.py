import datetime

import pytest

from forum.documents.models import Document
from forum.members.models import Member
from forum.principles.models import Principle
from forum.statements.models import Statement, StatementStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements():
    estonia = Member.objects.get(iso_code="EE")
    denmark = Member.objects.get(iso_code="DK")
    user_needs = Principle.objects.get(slug="user-needs")
    open_government = Principle.objects.get(slug="open-government")
    old = Statement.objects.create(
        member=estonia,
        principle=user_needs,
        text="Old words.",
        written_on=datetime.date(2021, 1, 1),
        status=StatementStatus.PUBLISHED,
    )
    current = Statement.objects.create(
        member=estonia,
        principle=user_needs,
        text="We test every service with its users.",
        written_on=datetime.date(2024, 3, 1),
        status=StatementStatus.PUBLISHED,
    )
    current.documents.add(Document.objects.order_by("slug").first())
    current.save()
    other = Statement.objects.create(
        member=denmark,
        principle=open_government,
        text="Our data is open.",
        written_on=datetime.date(2023, 3, 1),
        status=StatementStatus.PUBLISHED,
    )
    draft = Statement.objects.create(
        member=denmark, principle=user_needs, text="A draft.", written_on=datetime.date(2025, 1, 1)
    )
    return {"old": old, "current": current, "other": other, "draft": draft}


def test_list_has_current_published_statements_only(get_json, statements):
    response, body = get_json("/api/v1/statements/")
    assert response.status_code == 200
    assert {s["id"] for s in body["results"]} == {
        statements["current"].pk,
        statements["other"].pk,
    }


def test_list_filters_by_member_and_principle(get_json, statements):
    _, body = get_json("/api/v1/statements/?member=ee")
    assert [s["id"] for s in body["results"]] == [statements["current"].pk]
    _, body = get_json("/api/v1/statements/?principle=open-government")
    assert [s["member"] for s in body["results"]] == ["DK"]
    response, body = get_json("/api/v1/statements/?member=zz")
    assert response.status_code == 400 and "member" in body["errors"]


def test_detail(get_json, statements):
    current = statements["current"]
    response, body = get_json(f"/api/v1/statements/{current.pk}")
    assert response.status_code == 200
    assert body["text"] == "We test every service with its users."
    assert body["year"] == 2024 and body["member"] == "EE" and body["principle"] == "user-needs"
    assert body["documents"] == [Document.objects.order_by("slug").first().slug]
    assert get_json(f"/api/v1/statements/{statements['old'].pk}")[0].status_code == 404
    assert get_json(f"/api/v1/statements/{statements['draft'].pk}")[0].status_code == 404
    assert get_json("/api/v1/statements/abc")[0].status_code == 404
