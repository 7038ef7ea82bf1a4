"""Choosing which notifications come by email."""

import pytest

from forum.core.models import AuditEntry
from forum.notifications.models import NotificationKind, NotificationPreference

pytestmark = pytest.mark.django_db

URL = "/workspace/notifications/preferences/"


def test_one_checkbox_per_kind_all_ticked_at_first(representative, login):
    response = login(representative).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    for kind in NotificationKind:
        assert f'name="{kind.value}"' in html
        assert f'<label for="id_{kind.value}">{kind.label}</label>' in html
    assert html.count('type="checkbox"') == len(NotificationKind)
    assert html.count("checked") == len(NotificationKind)


def test_unticking_turns_that_email_off(representative, login):
    client = login(representative)
    ticked = {kind.value: "on" for kind in NotificationKind if kind != NotificationKind.ANSWER}
    response = client.post(URL, ticked)
    assert response.status_code == 302
    assert list(
        NotificationPreference.objects.filter(user=representative).values_list("kind", "email")
    ) == [(NotificationKind.ANSWER.value, False)]
    assert AuditEntry.objects.filter(action="notification_preference.create").exists()

    html = client.get(URL).content.decode()
    assert "Your email preferences are saved." in html
    assert html.count("checked") == len(NotificationKind) - 1

    client.post(URL, {kind.value: "on" for kind in NotificationKind})
    assert NotificationPreference.objects.get(
        user=representative, kind=NotificationKind.ANSWER
    ).email
    assert AuditEntry.objects.filter(action="notification_preference.update").exists()


def test_each_person_chooses_for_themselves(representative, other_representative, login):
    login(representative).post(URL, {})
    assert NotificationPreference.objects.filter(user=representative, email=False).count() == 5
    assert not NotificationPreference.objects.filter(user=other_representative).exists()
