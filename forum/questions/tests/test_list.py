"""The list of questions and its filters."""

import pytest

from forum.questions.models import Answer

pytestmark = pytest.mark.django_db

LIST = "/workspace/questions/"


@pytest.fixture
def questions(representative, group_lead, ask):
    open_data = ask(
        representative,
        "How do you publish open data?",
        principles=["open-government"],
        themes=["Open data"],
    )
    identity = ask(
        representative, "Which eID for cross-border services?", themes=["digital identity"]
    )
    in_group = ask(group_lead, "What should Data 360 publish next?", group="data-360")
    Answer.objects.create(question=identity, author=group_lead, body="Ours.")
    return {"open_data": open_data, "identity": identity, "in_group": in_group}


def titles(response):
    return {question.title for question in response.context["page"].object_list}


def test_every_visible_question_newest_first(group_lead, login, questions):
    response = login(group_lead).get(LIST)
    assert response.status_code == 200
    assert [q.title for q in response.context["page"].object_list] == [
        "What should Data 360 publish next?",
        "Which eID for cross-border services?",
        "How do you publish open data?",
    ]
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "3 questions" in html
    assert "1 answer" in html
    assert "Asked of the Data 360 group" in html
    for name in ("principle", "theme", "group", "status"):
        assert f'<label for="id_{name}">' in html


def test_filter_by_principle_theme_group_and_answers(group_lead, login, questions):
    client = login(group_lead)
    assert titles(client.get(LIST, {"principle": "open-government"})) == {
        "How do you publish open data?"
    }
    assert titles(client.get(LIST, {"theme": "digital-identity"})) == {
        "Which eID for cross-border services?"
    }
    assert titles(client.get(LIST, {"group": "data-360"})) == {"What should Data 360 publish next?"}
    assert titles(client.get(LIST, {"group": "all"})) == {
        "How do you publish open data?",
        "Which eID for cross-border services?",
    }
    assert titles(client.get(LIST, {"status": "answered"})) == {
        "Which eID for cross-border services?"
    }
    assert "Which eID for cross-border services?" not in titles(
        client.get(LIST, {"status": "unanswered"})
    )


def test_themes_offered_are_those_of_visible_questions(
    other_representative, login, questions, ask, group_lead
):
    ask(group_lead, "Secret group theme?", group="data-360", themes=["group secret"])
    html = login(other_representative).get(LIST).content.decode()
    assert '<option value="open-data">Open data</option>' in html
    assert "group secret" not in html


def test_an_unknown_filter_value_is_a_400_with_the_error_linked(representative, login, questions):
    response = login(representative).get(LIST, {"principle": "no-such-principle"})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<div class="error-summary"' in html
    assert 'href="#id_principle"' in html
    assert response.context["page"].paginator.count == 0
