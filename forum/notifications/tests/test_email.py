"""The whole path of a notification's email: notification_send() → a task row in the database queue
→ the email worker → a real SMTP server."""

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from forum.notifications.models import Notification, NotificationKind, NotificationPreference
from forum.notifications.services import notification_send

pytestmark = pytest.mark.django_db


def queued():
    return DBTaskResult.objects.filter(backend_name="email", queue_name="email")


def test_notify_queues_the_email_and_sends_nothing_itself(representative, smtp_sink):
    [notification] = notification_send(
        recipients=[representative],
        kind=NotificationKind.ANSWER,
        subject="New answer to your question: Who runs a data embassy?",
        url="/workspace/questions/1/",
    )
    assert Notification.objects.get(pk=notification.pk).recipient == representative
    [task] = queued()
    assert task.status == TaskResultStatus.READY
    assert task.task_path == "forum.notifications.services.send_notification_email"
    assert task.args_kwargs == {"args": [notification.pk], "kwargs": {}}
    assert smtp_sink.messages == []


def test_the_worker_sends_it_to_the_smtp_server(
    representative, smtp_sink, run_email_worker, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://forum.example"
    notification_send(
        recipients=[representative],
        kind=NotificationKind.ANSWER,
        subject="New answer to your question: Who runs a data embassy?",
        body="Canada answered:\n\nWe keep one in Luxembourg.",
        url="/workspace/questions/1/#answer-3",
    )
    run_email_worker()

    [message] = smtp_sink.wait(1)
    assert message["To"] == representative.email
    assert message["Subject"] == (
        "[Digital Nations] New answer to your question: Who runs a data embassy?"
    )
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "text/plain"
    text = message.get_content()
    assert "We keep one in Luxembourg." in text
    assert "https://forum.example/workspace/questions/1/#answer-3" in text
    assert "change your preferences" in text
    assert "https://forum.example/workspace/notifications/preferences/" in text
    assert "<" not in text  # plain text, nothing escaped for HTML
    [task] = queued()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value is True


def test_no_email_for_a_kind_turned_off_but_still_in_the_workspace(
    representative, other_representative, smtp_sink, run_email_worker
):
    NotificationPreference.objects.create(
        user=representative, kind=NotificationKind.DRAFT_COMMENT, email=False
    )
    notification_send(
        recipients=[representative, other_representative],
        kind=NotificationKind.DRAFT_COMMENT,
        subject="New comment on “Data 360 principles”, paragraph 2",
    )
    assert queued().count() == 1  # only the person who wants it by email
    run_email_worker()

    [message] = smtp_sink.wait(1)
    assert message["To"] == other_representative.email
    assert Notification.objects.filter(
        recipient=representative, kind=NotificationKind.DRAFT_COMMENT
    ).exists()


def test_turned_off_after_queueing_is_respected_when_sending(
    representative, smtp_sink, run_email_worker
):
    notification_send(
        recipients=[representative], kind=NotificationKind.ANSWER, subject="An answer"
    )
    NotificationPreference.objects.create(
        user=representative, kind=NotificationKind.ANSWER, email=False
    )
    run_email_worker()

    assert smtp_sink.messages == []
    [task] = queued()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value is False


def test_other_kinds_still_come_by_email(representative, smtp_sink, run_email_worker):
    NotificationPreference.objects.create(
        user=representative, kind=NotificationKind.ANSWER, email=False
    )
    notification_send(
        recipients=[representative],
        kind=NotificationKind.QUESTION_IN_GROUP,
        subject="New question: Open source licences?",
    )
    run_email_worker()
    [message] = smtp_sink.wait(1)
    assert message["Subject"].endswith("New question: Open source licences?")


def test_nobody_is_told_about_what_they_did_themselves(representative, other_representative):
    notifications = notification_send(
        recipients=[representative, other_representative],
        kind=NotificationKind.DRAFT_COMMENT,
        subject="A comment",
        actor=representative,
    )
    assert [n.recipient for n in notifications] == [other_representative]


def test_inactive_people_get_nothing(representative):
    representative.is_active = False
    representative.save()
    assert (
        notification_send(recipients=[representative], kind=NotificationKind.ANSWER, subject="x")
        == []
    )
    assert not queued().exists()


def test_a_subject_never_breaks_an_email_header(representative, smtp_sink, run_email_worker):
    [notification] = notification_send(
        recipients=[representative],
        kind=NotificationKind.ANSWER,
        subject="Line one\nBcc: someone@example.org",
    )
    assert notification.subject == "Line one Bcc: someone@example.org"
    run_email_worker()
    [message] = smtp_sink.wait(1)
    assert message["Bcc"] is None


def test_with_the_immediate_backend_email_goes_at_once(representative, smtp_sink, settings):
    settings.TASKS = {
        **settings.TASKS,
        "email": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["email"],
        },
    }
    notification_send(
        recipients=[representative], kind=NotificationKind.ANSWER, subject="Straight away"
    )
    [message] = smtp_sink.wait(1)
    assert message["Subject"] == "[Digital Nations] Straight away"
    assert not queued().exists()


def test_the_worker_command_accepts_the_email_backend():
    """`make run` starts it with these options; an unknown or non-database backend is
    refused."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("db_worker", "--backend=default", "--batch")
