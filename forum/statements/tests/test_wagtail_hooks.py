"""The secretariat publishes a submitted statement in /cms/: it becomes current, the
earlier revision kept."""

import datetime

import pytest

from forum.members.models import Member
from forum.principles.models import Principle
from forum.statements.models import Statement, StatementStatus

pytestmark = pytest.mark.django_db

LIST = "/cms/snippets/statements/statement/"


def test_secretariat_publishes_a_submitted_statement_in_the_cms(verified_secretariat_client):
    estonia = Member.objects.get(iso_code="EE")
    principle = Principle.objects.get(slug="user-needs")
    old = Statement.objects.create(
        member=estonia,
        principle=principle,
        text="Old words.",
        written_on=datetime.date(2021, 1, 1),
        status=StatementStatus.PUBLISHED,
    )
    submitted = Statement.objects.create(
        member=estonia,
        principle=principle,
        text="New words.",
        written_on=datetime.date(2024, 1, 1),
        status=StatementStatus.SUBMITTED,
    )
    assert verified_secretariat_client.get(LIST).status_code == 200
    data = {
        "member": estonia.pk,
        "principle": principle.pk,
        "written_on": "2024-01-01",
        "text": "New words.",
        "status": "published",
    }
    response = verified_secretariat_client.post(f"{LIST}edit/{submitted.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    submitted.refresh_from_db()
    old.refresh_from_db()
    assert submitted.current and submitted.published_at and not old.current
    assert "New words." in verified_secretariat_client.get("/principles/user-needs/").text
