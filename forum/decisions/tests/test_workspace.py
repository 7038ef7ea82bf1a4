"""Who does what with decisions in the workspace: a group lead updates the decisions of
their group; a representative proposes progress notes for their member's decisions, which
the secretariat approves; nobody else may (the roles table's cells for decisions)."""

import pytest

from forum.core.models import AuditEntry
from forum.decisions.models import DecisionStatus, ProgressNote

from .factories import DecisionFactory

pytestmark = pytest.mark.django_db

LIST = "/workspace/decisions/"
NOTE = {"date": "2030-03-01", "text": "The report is drafted.", "url": ""}


@pytest.fixture
def group_decision(working_group):
    return DecisionFactory(group=working_group, title="The group reports back")


@pytest.fixture
def member_decision(member):
    decision = DecisionFactory(title="Testland shares its code")
    decision.members.add(member)
    decision.save()
    return decision


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_group_lead_updates_the_status_of_their_group_decision(login, group_lead, group_decision):
    client = login(group_lead)
    html = client.get(LIST).content.decode()
    assert "The group reports back" in html and "Update the status" in html
    response = client.post(f"{LIST}{group_decision.pk}/status/", {"status": "in_progress"})
    assert response.status_code == 302
    group_decision.refresh_from_db()
    assert group_decision.status == DecisionStatus.IN_PROGRESS
    assert AuditEntry.objects.filter(action="decision.status").exists()


def test_group_lead_progress_note_is_published_at_once(login, group_lead, group_decision):
    client = login(group_lead)
    assert client.post(f"{LIST}{group_decision.pk}/progress/", NOTE).status_code == 302
    note = group_decision.progress_notes.get()
    assert note.approved and note.proposed_by == group_lead
    assert "The report is drafted." in client.get(f"/decisions/{group_decision.pk}/").text


def test_representative_may_not_update_a_group_decision(login, representative, group_decision):
    client = login(representative)
    response = client.post(f"{LIST}{group_decision.pk}/status/", {"status": "done"})
    assert response.status_code == 403
    assert client.post(f"{LIST}{group_decision.pk}/progress/", NOTE).status_code == 403


def test_representative_proposal_waits_for_the_secretariat(
    client, login, verified_login, representative, secretariat, member_decision
):
    login(representative)
    html = client.get(LIST).content.decode()
    assert "Testland shares its code" in html and "Propose a progress note" in html
    assert "Update the status" not in html
    response = client.post(f"{LIST}{member_decision.pk}/status/", {"status": "done"})
    assert response.status_code == 403
    assert client.post(f"{LIST}{member_decision.pk}/progress/", NOTE).status_code == 302
    note = ProgressNote.objects.get(decision=member_decision)
    assert not note.approved
    assert "The report is drafted." not in client.get(f"/decisions/{member_decision.pk}/").text

    secretary = verified_login(secretariat)
    assert "The report is drafted." in secretary.get(LIST).content.decode()
    assert secretary.post(f"{LIST}progress/{note.pk}/approve/").status_code == 302
    note.refresh_from_db()
    assert note.approved
    assert AuditEntry.objects.filter(action="progress_note.approve").exists()
    client.logout()
    assert "The report is drafted." in client.get(f"/decisions/{member_decision.pk}/").text


def test_other_member_representative_may_not_propose(login, other_representative, member_decision):
    client = login(other_representative)
    assert "Testland shares its code" not in client.get(LIST).content.decode()
    assert client.post(f"{LIST}{member_decision.pk}/progress/", NOTE).status_code == 403


def test_representative_may_not_approve(login, representative, member_decision):
    note = ProgressNote.objects.create(
        decision=member_decision, date="2030-01-01", text="x", approved=False
    )
    client = login(representative)
    assert client.post(f"{LIST}progress/{note.pk}/approve/").status_code == 403


def test_a_bad_progress_note_is_a_400_keeping_what_was_typed(login, group_lead, group_decision):
    client = login(group_lead)
    response = client.post(f"{LIST}{group_decision.pk}/progress/", {"date": "soon", "text": "Kept"})
    assert response.status_code == 400
    assert "Kept" in response.content.decode()
    assert not group_decision.progress_notes.exists()
