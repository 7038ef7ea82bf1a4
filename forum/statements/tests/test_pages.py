"""A member's current statements on its page, and every member's on a principle's page,
against the forum's real members and principles."""

import datetime

import pytest

from forum.documents.models import Document
from forum.members.models import Member
from forum.principles.models import Principle
from forum.statements.models import Statement, StatementStatus

pytestmark = pytest.mark.django_db


def publish(member, principle, text, year, **kwargs):
    statement = Statement.objects.create(
        member=member,
        principle=principle,
        text=text,
        written_on=datetime.date(year, 5, 1),
        status=StatementStatus.PUBLISHED,
        **kwargs,
    )
    return statement


@pytest.fixture
def estonia():
    return Member.objects.get(iso_code="EE")


@pytest.fixture
def user_needs():
    return Principle.objects.get(slug="user-needs")


def test_a_new_revision_becomes_current_and_the_old_one_is_kept(estonia, user_needs):
    first = publish(estonia, user_needs, "We ask citizens first.", 2022)
    second = publish(estonia, user_needs, "We test every service with its users.", 2024)
    first.refresh_from_db()
    assert not first.current and second.current
    assert list(Statement.objects.current().filter(member=estonia)) == [second]
    assert Statement.objects.filter(member=estonia, principle=user_needs).count() == 2


def test_a_draft_is_shown_nowhere(client, estonia, user_needs):
    Statement.objects.create(
        member=estonia,
        principle=user_needs,
        text="Not yet agreed.",
        written_on=datetime.date.today(),
    )
    assert "Not yet agreed." not in client.get("/principles/user-needs/").content.decode()


def test_principle_page_lists_every_member_with_its_statement_or_none(client, estonia, user_needs):
    publish(estonia, user_needs, "We test every service with its users.", 2024)
    response = client.get("/principles/user-needs/")
    html = response.content.decode()
    rows = response.context["rows"]
    assert len(rows) == Member.objects.count()
    assert {m.iso_code: s for m, s in rows}["EE"].text.startswith("We test")
    assert "We test every service with its users." in html and "Written in 2024." in html
    assert html.count("No statement yet.") == Member.objects.count() - 1


def test_principle_page_stays_within_their_query_budget(
    client, django_assert_max_num_queries, user_needs
):
    document = Document.objects.first()
    for member in Member.objects.all():
        for principle in Principle.objects.current()[:4]:
            statement = publish(member, principle, f"{member.name} lives it.", 2023)
            statement.documents.add(document)
            statement.save()
    with django_assert_max_num_queries(10):
        assert client.get("/principles/user-needs/").status_code == 200


def test_principle_page_links_the_evidence(client, estonia, user_needs):
    statement = publish(estonia, user_needs, "We test every service with its users.", 2024)
    document = Document.objects.first()
    statement.documents.add(document)
    statement.save()
    html = client.get("/principles/user-needs/").content.decode()
    assert f'href="{document.get_absolute_url()}"' in html


def test_a_members_page_shows_its_current_statement_on_each_principle(
    client, estonia, user_needs, django_assert_max_num_queries
):
    """Under "How we live the principles": each current statement with its principle and
    the year it was written, linking to the member's place on the principle's page; an
    earlier revision and a draft nowhere; the page within its ten queries."""
    html = client.get("/members/ee/").content.decode()
    section = html[html.index('<section aria-labelledby="statements">') :].split("</section>")[0]
    assert "No statement yet." in section
    publish(estonia, user_needs, "We asked citizens first.", 2022)
    publish(estonia, user_needs, "We test every service with its users.", 2024)
    openness = Principle.objects.get(slug="open-standards")
    publish(estonia, openness, "Our registries speak open formats.", 2023)
    Statement.objects.create(
        member=estonia, principle=openness, text="A draft.", written_on=datetime.date.today()
    )
    from forum.core.models import ContentClock

    ContentClock.touch()  # as the commit does (the test's transaction never commits)
    with django_assert_max_num_queries(10):
        html = client.get("/members/ee/").content.decode()
    section = html[html.index('<section aria-labelledby="statements">') :].split("</section>")[0]
    assert "We test every service with its users." in section
    assert "Written in 2024." in section and "Written in 2022." not in section
    assert "We asked citizens first." not in section and "A draft." not in section
    assert 'href="/principles/user-needs/#statement-ee"' in section
