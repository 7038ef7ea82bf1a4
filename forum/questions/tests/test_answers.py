"""Answering, being told of answers, and marking the helpful ones."""

import pytest

from forum.core.models import AuditEntry
from forum.notifications.models import Notification, NotificationKind
from forum.questions.models import Answer

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_question_and_an_answer_form(
    representative, other_representative, login, ask
):
    question = ask(
        representative,
        body="We run ours in Luxembourg.",
        principles=["open-government"],
        themes=["data embassy"],
    )
    html = login(other_representative).get(question.get_absolute_url()).content.decode()
    assert html.count("<h1>") == 1
    assert f"<h1>{question.title}</h1>" in html
    assert "We run ours in Luxembourg." in html
    assert 'href="/principles/open-government/"' in html
    assert "data embassy" in html
    assert "Asked of all members." in html
    assert '<label for="id_body">Your answer</label>' in html
    assert "0 answers" in html


def test_answering_tells_the_asker(representative, other_representative, login, ask):
    question = ask(representative)
    response = login(other_representative).post(
        f"{question.get_absolute_url()}answers/", {"body": "Canada keeps copies in two regions."}
    )
    answer = Answer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{question.get_absolute_url()}#answer-{answer.pk}"
    assert answer.author == other_representative
    assert AuditEntry.objects.filter(action="answer.create", object_id=str(answer.pk)).exists()

    [notification] = Notification.objects.filter(kind=NotificationKind.ANSWER)
    assert notification.recipient == representative
    assert notification.subject == f"New answer to your question: {question.title}"
    assert "Canada keeps copies in two regions." in notification.body
    assert notification.url.endswith(f"#answer-{answer.pk}")

    html = login(representative).get(question.get_absolute_url()).content.decode()
    assert f'id="answer-{answer.pk}"' in html
    assert "Canada keeps copies in two regions." in html
    assert "Mark as helpful" in html


def test_answering_ones_own_question_tells_nobody(representative, login, ask):
    question = ask(representative)
    login(representative).post(f"{question.get_absolute_url()}answers/", {"body": "Update."})
    assert not Notification.objects.filter(kind=NotificationKind.ANSWER).exists()


def test_an_empty_answer_is_refused_with_the_page_shown_again(
    representative, other_representative, login, ask
):
    question = ask(representative)
    Answer.objects.create(question=question, author=representative, body="An earlier answer.")
    response = login(other_representative).post(
        f"{question.get_absolute_url()}answers/", {"body": "   "}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<div class="error-summary"' in html
    assert 'href="#id_body"' in html
    assert "An earlier answer." in html
    assert question.answers.count() == 1


def test_the_asker_marks_an_answer_helpful_and_back(
    representative, other_representative, login, ask
):
    question = ask(representative)
    answer = Answer.objects.create(question=question, author=other_representative, body="Yes.")
    url = f"{question.get_absolute_url()}answers/{answer.pk}/helpful/"
    client = login(representative)

    assert client.get(url).status_code == 405
    response = client.post(url, {"helpful": "1"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.helpful
    assert AuditEntry.objects.filter(action="answer.mark_helpful").exists()
    html = client.get(question.get_absolute_url()).content.decode()
    assert "marked helpful by the asker" in html
    assert "Unmark as helpful" in html

    client.post(url, {"helpful": "0"})
    answer.refresh_from_db()
    assert not answer.helpful


def test_only_the_asker_marks_answers_helpful(
    representative, other_representative, login, verified_login, secretariat, ask
):
    question = ask(representative)
    answer = Answer.objects.create(question=question, author=other_representative, body="Yes.")
    url = f"{question.get_absolute_url()}answers/{answer.pk}/helpful/"
    assert login(other_representative).post(url, {"helpful": "1"}).status_code == 403
    html = login(other_representative).get(question.get_absolute_url()).content.decode()
    assert "Mark as helpful" not in html
    assert verified_login(secretariat).post(url, {"helpful": "1"}).status_code == 403
    answer.refresh_from_db()
    assert not answer.helpful


def test_an_answer_of_another_question_is_404(representative, other_representative, login, ask):
    mine = ask(representative)
    theirs = ask(other_representative, "Another question?")
    answer = Answer.objects.create(question=theirs, author=representative, body="Yes.")
    url = f"{mine.get_absolute_url()}answers/{answer.pk}/helpful/"
    assert login(representative).post(url).status_code == 404
