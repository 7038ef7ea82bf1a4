"""Who does what with statements in the workspace: a member's representative drafts,
revises and submits its member's statement on a principle; the secretariat publishes it;
every published revision is kept; another member's official may not touch it."""

import pytest

from forum.core.models import AuditEntry, ContentClock
from forum.principles.models import Principle
from forum.statements.models import Statement, StatementStatus

pytestmark = pytest.mark.django_db

LIST = "/workspace/statements/"


@pytest.fixture
def principle():
    return Principle.objects.get(slug="user-needs")


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_draft_submit_publish_and_revise(
    client, login, verified_login, representative, secretariat, member, principle
):
    login(representative)
    html = client.get(LIST).content.decode()
    assert "User needs" in html and "No statement yet." in html
    assert client.get(f"{LIST}user-needs/").status_code == 200
    response = client.post(f"{LIST}user-needs/", {"text": "Every service is tested by users."})
    assert response.status_code == 302
    draft = Statement.objects.get(member=member, principle=principle)
    assert draft.status == StatementStatus.DRAFT and draft.drafted_by == representative
    # A representative may not publish.
    assert client.post(f"{LIST}{draft.pk}/publish/").status_code == 403
    assert client.post(f"{LIST}{draft.pk}/submit/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == StatementStatus.SUBMITTED
    assert "Every service is tested by users." not in client.get("/principles/user-needs/").text

    secretary = verified_login(secretariat)
    assert "Every service is tested by users." in secretary.get(LIST).content.decode()
    assert secretary.post(f"{LIST}{draft.pk}/publish/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == StatementStatus.PUBLISHED and draft.current
    ContentClock.touch()  # as the request's commit does (the test's transaction never commits)
    assert "Every service is tested by users." in secretary.get("/principles/user-needs/").text
    assert {e.action for e in AuditEntry.objects.all()} >= {
        "statement.draft",
        "statement.submit",
        "statement.publish",
    }

    # A revision: the published one stays until the new one is published, and is kept.
    login(representative)
    client.post(f"{LIST}user-needs/", {"text": "Users test every service, twice a year."})
    revision = Statement.objects.open().get(member=member, principle=principle)
    client.post(f"{LIST}{revision.pk}/submit/")
    revision.refresh_from_db()
    assert revision.status == StatementStatus.SUBMITTED
    from forum.statements.services import statement_publish

    statement_publish(actor=secretariat, statement=revision)
    assert Statement.objects.filter(member=member, principle=principle).count() == 2
    assert Statement.objects.current().get(member=member, principle=principle) == revision


def test_another_members_official_may_not_touch_it(
    client, login, other_representative, member, principle
):
    draft = Statement.objects.create(
        member=member, principle=principle, text="Ours.", written_on="2025-01-01"
    )
    login(other_representative)
    assert client.post(f"{LIST}{draft.pk}/submit/").status_code == 403
    assert client.post(f"{LIST}{draft.pk}/publish/").status_code == 403
    # Their own edit page writes for their own member, never for another.
    client.post(f"{LIST}user-needs/", {"text": "Theirs."})
    draft.refresh_from_db()
    assert draft.text == "Ours." and draft.status == StatementStatus.DRAFT


def test_bad_input_is_a_400(client, login, representative):
    login(representative)
    assert client.post(f"{LIST}user-needs/", {"text": ""}).status_code == 400
    assert client.get(f"{LIST}no-such-principle/").status_code == 404
