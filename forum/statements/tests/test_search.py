import datetime

import pytest

from forum.members.models import Member
from forum.principles.models import Principle
from forum.search.services import site_search
from forum.statements.models import Statement, StatementStatus

pytestmark = pytest.mark.django_db


def urls(results, slug):
    return next(kind for kind in results if kind.kind.slug == slug)


def test_search_finds_a_current_statement_by_its_words_and_no_draft():
    estonia = Member.objects.get(iso_code="EE")
    principle = Principle.objects.get(slug="user-needs")
    statement = Statement.objects.create(
        member=estonia,
        principle=principle,
        text="Every tollbooth questionnaire is tested with citizens.",
        written_on=datetime.date(2024, 3, 1),
        status=StatementStatus.PUBLISHED,
    )
    Statement.objects.create(
        member=Member.objects.get(iso_code="DK"),
        principle=principle,
        text="A tollbooth draft nobody may read.",
        written_on=datetime.date(2025, 3, 1),
    )
    found = [hit.url for hit in urls(site_search(query="tollbooth"), "statements").hits]
    assert found == [statement.get_absolute_url()] == ["/principles/user-needs/#statement-ee"]
