"""Group workspaces: who sees which group's page."""

import pytest

from forum.groups.models import GroupDraft, GroupMembership, WorkingGroup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("working_group")]

LIST = "/workspace/groups/"


@pytest.fixture(autouse=True)
def _queue_emails_only(settings):
    settings.TASKS = {
        **settings.TASKS,
        "email": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["email"]},
    }


def test_anonymous_people_are_sent_to_sign_in(client):
    for url in (LIST, f"{LIST}test-group/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/?next=")


def test_people_without_a_role_are_refused(make_user, login):
    assert login(make_user("")).get(LIST).status_code == 403


def test_a_member_sees_their_own_groups(group_lead, login):
    response = login(group_lead).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert [g.slug for g in response.context["groups"]] == ["test-group"]
    assert 'href="/workspace/groups/test-group/"' in html
    assert "You lead this group." in html


def test_someone_in_no_group_is_told_so(representative, login):
    html = login(representative).get(LIST).content.decode()
    assert "You are not in any working group yet." in html


def test_the_secretariat_sees_every_group(verified_login, secretariat):
    response = verified_login(secretariat).get(LIST)
    assert {g.slug for g in response.context["groups"]} == set(
        WorkingGroup.objects.values_list("slug", flat=True)
    )


def test_the_group_page_lists_drafts_and_members(group_lead, make_user, login):
    group = WorkingGroup.objects.get(slug="test-group")
    colleague = make_user("representative", member="CA", first_name="Ada", last_name="Lovelace")
    GroupMembership.objects.create(group=group, user=colleague)
    GroupDraft.objects.create(
        group=group, title="Test group principles", text="One.", created_by=group_lead
    )
    response = login(colleague).get(f"{LIST}test-group/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Test group</h1>" in html
    assert "Test group principles" in html
    assert "Ada Lovelace, Canada" in html
    assert "leads the group" in html
    assert "Start a draft" not in html  # only the lead starts drafts
    assert "Start a draft" in login(group_lead).get(f"{LIST}test-group/").content.decode()


def test_another_groups_page_is_forbidden(group_lead, login):
    assert login(group_lead).get(f"{LIST}artificial-intelligence/").status_code == 403


def test_an_unknown_group_is_404(group_lead, login):
    assert login(group_lead).get(f"{LIST}no-such-group/").status_code == 404


def test_the_secretariat_opens_any_group(verified_login, secretariat):
    response = verified_login(secretariat).get(f"{LIST}artificial-intelligence/")
    assert response.status_code == 200
    assert "Start a draft" in response.content.decode()
