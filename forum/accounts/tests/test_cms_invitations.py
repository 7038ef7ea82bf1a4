import re

import pytest

from forum.accounts.models import Invitation, User
from forum.groups.models import WorkingGroup
from forum.members.models import Member

pytestmark = pytest.mark.django_db

URL = "/cms/invitations/"


def test_the_secretariat_invites_from_the_cms_and_the_link_is_emailed(
    verified_secretariat_client, secretariat, smtp_sink, run_email_worker
):
    client = verified_secretariat_client
    page = client.get(URL)
    assert page.status_code == 200
    assert "Invite a person" in page.content.decode()
    assert URL in client.get("/cms/").content.decode()  # the side menu

    response = client.post(
        URL,
        {
            "email": "Lead@Example.EE",
            "role": "group-lead",
            "member": Member.objects.get(iso_code="EE").pk,
            "group": WorkingGroup.objects.get(slug="data-360").pk,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    link = re.search(r'value="(http://127\.0\.0\.1:8000(/accounts/invitation/[\w-]+/))"', html)
    assert link, html
    assert "The link is being emailed to lead@example.ee" in html
    invitation = Invitation.objects.get()
    assert invitation.invited_by == secretariat and invitation.group.slug == "data-360"

    assert smtp_sink.messages == []  # not from the request: from the email worker
    run_email_worker()
    (message,) = smtp_sink.wait(1)
    assert message["To"] == "lead@example.ee"
    assert link.group(1) in message.get_body(("plain",)).get_content()

    client.logout()
    assert client.get(link.group(2)).status_code == 200


def test_the_form_says_what_is_missing_and_keeps_what_was_typed(verified_secretariat_client):
    response = verified_secretariat_client.post(
        URL, {"email": "rep@example.org", "role": "representative"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Representatives and group leads need a member government." in html
    assert 'value="rep@example.org"' in html
    assert not Invitation.objects.exists()


def test_a_failing_mail_server_still_shows_the_link(
    verified_secretariat_client, settings, run_email_worker
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    response = verified_secretariat_client.post(
        URL, {"email": "sec2@example.org", "role": "secretariat"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "/accounts/invitation/" in html
    run_email_worker()  # the mail server refuses: the worker records the failure
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get().status == "FAILED"


def test_only_the_secretariat_may_invite(login, representative):
    client = login(representative)
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"email": "x@example.org", "role": "secretariat"}).status_code in (
        302,
        403,
    )
    assert not Invitation.objects.exists()


def test_wagtail_add_user_leads_to_invitations(verified_secretariat_client):
    response = verified_secretariat_client.get("/cms/users/add/")
    assert response.status_code == 302 and response["Location"] == URL
    assert User.objects.count() == 1
