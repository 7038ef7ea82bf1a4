"""Turning an answered thread into a draft practice of the asker's member."""

import pytest

from forum.practices.models import Practice
from forum.questions import services
from forum.questions.models import Answer, PracticeLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(representative, other_representative, ask):
    question = ask(
        representative,
        "How do you run a service standard?",
        body="We are writing ours.",
        principles=["user-needs"],
        themes=["service design"],
    )
    Answer.objects.create(
        question=question,
        author=other_representative,
        body="Canada assesses every service against 14 points.",
    )
    Answer.objects.create(
        question=question,
        author=other_representative,
        body="Start with a discovery phase.",
        helpful=True,
    )
    return question


def test_the_asker_starts_a_draft_practice_from_the_thread(representative, login, answered):
    client = login(representative)
    url = answered.get_absolute_url()
    assert "Start a draft practice" in client.get(url).content.decode()

    response = client.post(f"{url}to-practice/")
    assert response.status_code == 302
    link = PracticeLink.objects.get(question=answered, from_thread=True)
    practice = services.practice_by_slug(link.slug)
    assert response["Location"] == practice.get_workspace_url()
    assert practice.status == "draft"
    assert practice.member == representative.member
    assert practice.title == answered.title
    assert "We are writing ours." in practice.problem
    # the helpful answer comes first
    assert practice.approach.index("discovery phase") < practice.approach.index("14 points")
    assert [p.slug for p in practice.principles.all()] == ["user-needs"]
    assert list(practice.themes.names()) == ["service design"]

    html = client.get(url).content.decode()
    assert "Start a draft practice" not in html  # once
    assert "Practice drafted from this thread" in html
    assert client.post(f"{url}to-practice/").status_code == 403


def test_the_secretariat_may_too(verified_login, secretariat, answered, representative):
    response = verified_login(secretariat).post(f"{answered.get_absolute_url()}to-practice/")
    assert response.status_code == 302
    practice = services.practice_by_slug(
        PracticeLink.objects.get(question=answered, from_thread=True).slug
    )
    assert practice.member == representative.member


def test_nobody_else_may(other_representative, login, answered):
    client = login(other_representative)
    assert "Start a draft practice" not in client.get(answered.get_absolute_url()).content.decode()
    assert client.post(f"{answered.get_absolute_url()}to-practice/").status_code == 403
    assert not PracticeLink.objects.exists()


def test_not_before_an_answer(representative, login, ask):
    question = ask(representative)
    client = login(representative)
    assert "Start a draft practice" not in client.get(question.get_absolute_url()).content.decode()
    assert client.post(f"{question.get_absolute_url()}to-practice/").status_code == 403


def test_links_to_published_practices(representative, login):
    from forum.members.models import Member

    Practice.objects.create(
        member=Member.objects.get(iso_code="CA"),
        title="Canada's service standard",
        slug="ca-service-standard",
        status="published",
    )
    client = login(representative)
    response = client.post(
        "/workspace/questions/new/",
        {"title": "Service standards?", "practices": "/practices/ca-service-standard/"},
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Canada&#x27;s service standard" in html or "Canada's service standard" in html

    response = client.post(
        "/workspace/questions/new/", {"title": "Drafts?", "practices": "not-published-one"}
    )
    assert response.status_code == 400
    assert "Not found: not-published-one." in response.content.decode()
