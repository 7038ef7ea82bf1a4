"""Drafts: written and edited by the group's lead, opened for consultation and closed."""

import pytest

from forum.core.models import AuditEntry
from forum.groups.models import GroupDraft, GroupMembership, WorkingGroup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("working_group")]

TEXT = (
    "Members share data across borders only with consent.\n\n"
    "Each member publishes a catalogue of its open data.\n\n"
    "The group reviews these principles every two years."
)


@pytest.fixture(autouse=True)
def _queue_emails_only(settings):
    settings.TASKS = {
        **settings.TASKS,
        "email": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["email"]},
    }


@pytest.fixture
def data_360():
    return WorkingGroup.objects.get(slug="test-group")


@pytest.fixture
def member_of_group(make_user, data_360):
    person = make_user("representative", member="CA")
    GroupMembership.objects.create(group=data_360, user=person)
    return person


@pytest.fixture
def draft(data_360, group_lead):
    return GroupDraft.objects.create(
        group=data_360, title="Test group principles", text=TEXT, created_by=group_lead
    )


def test_the_lead_starts_a_draft(group_lead, login):
    client = login(group_lead)
    url = "/workspace/groups/test-group/drafts/new/"
    html = client.get(url).content.decode()
    assert html.count("<h1>") == 1
    assert '<label for="id_title">' in html
    assert '<label for="id_text">' in html

    response = client.post(url, {"title": "Test group principles", "text": TEXT})
    draft = GroupDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/groups/test-group/drafts/{draft.pk}/"
    assert draft.group.slug == "test-group"
    assert draft.status == GroupDraft.Status.DRAFT
    assert draft.created_by == group_lead
    assert AuditEntry.objects.filter(action="group_draft.create", object_id=str(draft.pk)).exists()


def test_an_invalid_draft_is_shown_again_with_what_was_typed(group_lead, login):
    response = login(group_lead).post(
        "/workspace/groups/test-group/drafts/new/", {"title": "", "text": "Kept text."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<div class="error-summary"' in html
    assert 'href="#id_title"' in html
    assert "Kept text." in html
    assert not GroupDraft.objects.exists()
    response = login(group_lead).post("/workspace/groups/test-group/drafts/new/", {})
    assert response.status_code == 400
    assert 'href="#id_text"' in response.content.decode()


def test_members_do_not_manage_drafts(member_of_group, draft, login):
    client = login(member_of_group)
    base = f"/workspace/groups/test-group/drafts/{draft.pk}/"
    assert client.get("/workspace/groups/test-group/drafts/new/").status_code == 403
    assert (
        client.post(
            "/workspace/groups/test-group/drafts/new/", {"title": "Mine", "text": "x"}
        ).status_code
        == 403
    )
    assert client.get(f"{base}edit/").status_code == 403
    assert client.post(f"{base}edit/", {"title": "Changed", "text": "x"}).status_code == 403
    assert client.post(f"{base}status/", {"action": "open"}).status_code == 403
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Test group principles", "draft")
    html = client.get(base).content.decode()
    assert "Edit the draft" not in html
    assert "Open a consultation" not in html


def test_the_lead_edits_the_draft(group_lead, draft, login):
    url = f"/workspace/groups/test-group/drafts/{draft.pk}/edit/"
    client = login(group_lead)
    assert "Test group principles" in client.get(url).content.decode()
    response = client.post(url, {"title": "Test group principles, second draft", "text": TEXT})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Test group principles, second draft"
    entry = AuditEntry.objects.get(action="group_draft.update")
    assert entry.before["title"] == "Test group principles"
    assert entry.after["title"] == "Test group principles, second draft"

    response = client.post(url, {"title": "x" * 300, "text": TEXT})
    assert response.status_code == 400
    assert "x" * 300 in response.content.decode()


def test_open_and_close_the_consultation(group_lead, draft, login):
    client = login(group_lead)
    url = f"/workspace/groups/test-group/drafts/{draft.pk}/"
    assert "Open a consultation" in client.get(url).content.decode()

    assert client.post(f"{url}status/", {"action": "open"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == GroupDraft.Status.CONSULTATION
    assert "Close the consultation" in client.get(url).content.decode()

    client.post(f"{url}status/", {"action": "close"})
    draft.refresh_from_db()
    assert draft.status == GroupDraft.Status.CLOSED
    assert "Reopen the consultation" in client.get(url).content.decode()
    assert AuditEntry.objects.filter(action="group_draft.consultation").exists()
    assert AuditEntry.objects.filter(action="group_draft.closed").exists()

    response = client.post(f"{url}status/", {"action": "publish"})
    assert response.status_code == 400
    assert "Choose to open or to close the consultation." in response.content.decode()
    assert client.get(f"{url}status/").status_code == 405


def test_the_draft_is_for_the_groups_members_only(
    draft, other_representative, login, verified_login, secretariat
):
    url = f"/workspace/groups/test-group/drafts/{draft.pk}/"
    outsider = login(other_representative)
    assert outsider.get(url).status_code == 403
    assert outsider.get(f"{url}edit/").status_code == 403
    assert outsider.post(f"{url}status/", {"action": "open"}).status_code == 403
    assert verified_login(secretariat).get(url).status_code == 200


def test_a_draft_guessed_under_another_group_is_404(draft, make_user, login):
    ai = WorkingGroup.objects.get(slug="artificial-intelligence")
    ai_lead = make_user("group-lead", member="MX")
    GroupMembership.objects.create(group=ai, user=ai_lead, lead=True)
    client = login(ai_lead)
    guessed = f"/workspace/groups/artificial-intelligence/drafts/{draft.pk}/"
    assert client.get(guessed).status_code == 404
    assert client.get(f"{guessed}edit/").status_code == 404
    assert client.post(f"{guessed}status/", {"action": "open"}).status_code == 404
    assert client.post(f"{guessed}comments/", {"anchor": 1, "text": "x"}).status_code == 404
    draft.refresh_from_db()
    assert draft.status == GroupDraft.Status.DRAFT
