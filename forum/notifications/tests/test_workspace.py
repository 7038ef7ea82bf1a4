"""Notifications in the workspace: the list, the unread count, marking read."""

import pytest

from forum.core.models import AuditEntry
from forum.notifications.models import Notification, NotificationKind
from forum.notifications.services import notification_send

pytestmark = pytest.mark.django_db

LIST = "/workspace/notifications/"


@pytest.fixture
def two_notifications(representative):
    return notification_send(
        recipients=[representative],
        kind=NotificationKind.ANSWER,
        subject="New answer to your question: Who runs a data embassy?",
        body="Canada answered.",
        url="/workspace/questions/1/",
    ) + notification_send(
        recipients=[representative],
        kind=NotificationKind.DRAFT_COMMENT,
        subject="New comment on “Data 360 principles”, paragraph 2",
        url="/workspace/groups/data-360/drafts/1/#p-2",
    )


def test_anonymous_people_are_sent_to_sign_in(client):
    for url in (LIST, LIST + "preferences/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/?next=")


def test_people_without_a_role_are_refused(make_user, login):
    client = login(make_user(""))
    assert client.get(LIST).status_code == 403
    assert client.post(LIST + "read-all/").status_code == 403


def test_the_list_shows_each_with_a_link_and_the_unread_count(
    representative, login, two_notifications
):
    response = login(representative).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "You have 2 unread notifications." in html
    assert '<a href="/workspace/questions/1/">New answer to your question' in html
    assert 'href="/workspace/groups/data-360/drafts/1/#p-2"' in html
    assert "Someone answers my question" in html  # the kind
    assert html.count("Mark as read") == 2
    assert "Mark all as read" in html


def test_only_ones_own_notifications_are_listed(
    representative, other_representative, login, two_notifications
):
    html = login(other_representative).get(LIST).content.decode()
    assert "Who runs a data embassy" not in html
    assert "You have 0 unread notifications." in html


def test_mark_one_as_read(representative, login, two_notifications):
    first = two_notifications[0]
    client = login(representative)
    response = client.post(f"{LIST}{first.pk}/read/")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert AuditEntry.objects.filter(action="notification.read", object_id=str(first.pk)).exists()
    html = client.get(LIST).content.decode()
    assert "You have 1 unread notification." in html
    assert "Marked “New answer to your question: Who runs a data embassy?” as read." in html


def test_mark_read_is_a_post_and_only_for_ones_own(
    representative, other_representative, login, two_notifications
):
    first = two_notifications[0]
    assert login(representative).get(f"{LIST}{first.pk}/read/").status_code == 405
    assert login(other_representative).post(f"{LIST}{first.pk}/read/").status_code == 404
    first.refresh_from_db()
    assert first.read_at is None


def test_mark_all_as_read(representative, other_representative, login, two_notifications):
    others = notification_send(
        recipients=[other_representative], kind=NotificationKind.ANSWER, subject="x"
    )
    client = login(representative)
    response = client.post(LIST + "read-all/", follow=True)
    assert "Marked 2 notifications as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=representative, read_at__isnull=True)
    assert Notification.objects.get(pk=others[0].pk).read_at is None
    assert "Mark all as read" not in client.get(LIST).content.decode()


def test_the_unread_count_for_templates(representative, rf, two_notifications):
    from forum.notifications.context_processors import unread_notifications

    request = rf.get("/")
    request.user = representative
    assert unread_notifications(request)["unread_notifications"] == 2
