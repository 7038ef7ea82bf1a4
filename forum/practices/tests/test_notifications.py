"""Authors are told when their practice is published or returned."""

import pytest

from forum.notifications.models import Notification, NotificationKind
from forum.practices import services

pytestmark = pytest.mark.django_db


def test_publishing_notifies_the_authors(make_practice, representative, make_user, secretariat):
    colleague = make_user("group-lead", member=representative.member)
    practice = make_practice(representative, status="submitted")
    services.practice_update(
        actor=representative, practice=practice, authors=[representative, colleague]
    )
    services.practice_publish(actor=secretariat, practice=practice)
    notes = Notification.objects.filter(kind=NotificationKind.PRACTICE_PUBLISHED)
    assert sorted(n.recipient_id for n in notes) == sorted([representative.pk, colleague.pk])
    note = notes.get(recipient=representative)
    assert note.subject == "Your practice “Once-only digital identity” is published"
    assert note.url == "/workspace/practices/once-only-digital-identity/"
    assert "on the public site" in note.body
    assert not Notification.objects.filter(recipient=secretariat).exists()


def test_returning_notifies_the_authors_with_the_comment(
    make_practice, representative, secretariat, client_for
):
    practice = make_practice(representative, status="submitted")
    response = client_for(secretariat).post(
        f"{practice.get_workspace_url()}return/", {"comment": "Please add the costs."}
    )
    assert response.status_code == 302
    note = Notification.objects.get(kind=NotificationKind.PRACTICE_RETURNED)
    assert note.recipient == representative
    assert note.body == "Please add the costs."
    assert note.subject == "Your practice “Once-only digital identity” needs changes"


def test_refused_actions_notify_nobody(make_practice, representative, secretariat, client_for):
    practice = make_practice(representative, status="submitted")
    response = client_for(secretariat).post(
        f"{practice.get_workspace_url()}return/", {"comment": " "}
    )
    assert response.status_code == 400
    assert not Notification.objects.exists()
