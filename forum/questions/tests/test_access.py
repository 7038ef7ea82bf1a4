"""Who reads and answers questions: member officials only, and a question asked of a
group only inside that group (and the secretariat)."""

import pytest

from forum.questions.models import Answer, Question

pytestmark = pytest.mark.django_db


def test_anonymous_people_are_sent_to_sign_in(client, representative, ask):
    question = ask(representative)
    for url in ("/workspace/questions/", "/workspace/questions/new/", question.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/?next=")
    response = client.post(f"{question.get_absolute_url()}answers/", {"body": "Hello"})
    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_people_without_a_role_are_refused(make_user, login, representative, ask):
    question = ask(representative)
    client = login(make_user(""))
    assert client.get("/workspace/questions/").status_code == 403
    assert client.get(question.get_absolute_url()).status_code == 403
    assert client.post("/workspace/questions/new/", {"title": "Hi?"}).status_code == 403
    assert not Question.objects.filter(title="Hi?").exists()


def test_a_question_to_all_members_is_read_by_every_official(
    representative, other_representative, login, ask
):
    question = ask(representative)
    client = login(other_representative)
    assert question.title in client.get("/workspace/questions/").content.decode()
    assert client.get(question.get_absolute_url()).status_code == 200


def test_a_question_to_a_group_stays_in_the_group(
    group_lead, other_representative, make_user, join, login, verified_login, secretariat, ask
):
    question = ask(group_lead, "What should Data 360 publish next?", group="data-360")
    colleague = join(make_user("representative", member="CA"), "data-360")

    outsider = login(other_representative)
    assert question.title not in outsider.get("/workspace/questions/").content.decode()
    url = question.get_absolute_url()
    assert outsider.get(url).status_code == 404
    assert outsider.post(f"{url}answers/", {"body": "Let me in"}).status_code == 404
    assert not question.answers.exists()

    assert login(colleague).get(url).status_code == 200
    assert question.title in login(colleague).get("/workspace/questions/").content.decode()
    assert verified_login(secretariat).get(url).status_code == 200


def test_marking_helpful_in_a_group_one_is_not_in_is_404(
    group_lead, other_representative, make_user, join, login, ask
):
    question = ask(group_lead, group="data-360")
    colleague = join(make_user("representative", member="CA"), "data-360")
    answer = Answer.objects.create(question=question, author=colleague, body="We did it.")
    url = f"{question.get_absolute_url()}answers/{answer.pk}/helpful/"
    assert login(other_representative).post(url).status_code == 404
    answer.refresh_from_db()
    assert not answer.helpful


def test_nobody_asks_in_a_group_they_are_not_in(other_representative, login):
    from forum.groups.models import WorkingGroup

    data_360 = WorkingGroup.objects.get(slug="data-360")
    client = login(other_representative)
    form_html = client.get("/workspace/questions/new/").content.decode()
    assert "Data 360" not in form_html  # only one's own groups are offered
    response = client.post(
        "/workspace/questions/new/", {"title": "Sneaking in?", "group": data_360.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Question.objects.filter(title="Sneaking in?").exists()


def test_group_filter_offers_only_ones_own_groups(other_representative, login):
    response = login(other_representative).get("/workspace/questions/?group=data-360")
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
