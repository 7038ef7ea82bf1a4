import re

import pytest

from forum.core.models import AuditEntry

from .helpers import h1s, sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db

NEW = "a quiet harbour in the morning"


def test_a_reset_link_is_emailed_and_works_once(
    client, representative, smtp_sink, run_email_worker
):
    page = client.get("/accounts/password-reset/")
    assert page.status_code == 200 and h1s(page) == ["Reset your password"]
    response = client.post("/accounts/password-reset/", {"email": representative.email.upper()})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"

    assert smtp_sink.messages == []  # not from the request: from the email worker
    run_email_worker()
    (message,) = smtp_sink.wait(1)
    assert message["To"] == representative.email
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/password-reset/[^/\s]+/[^/\s]+/)", body)
    assert link, body
    assert "6 hours" in body

    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and h1s(form) == ["Choose a new password"]
    set_password_url = form.redirect_chain[-1][0]
    done = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert done["Location"] == "/accounts/password-reset/done/"
    representative.refresh_from_db()
    assert representative.check_password(NEW)
    entries = AuditEntry.objects.filter(action="password.reset")
    assert entries.filter(object_id=str(representative.pk)).exists()

    again = client.get(link.group(1), follow=True)
    assert again.status_code == 410
    assert h1s(again) == ["This link does not work any more"]

    assert sign_in(client, representative, password=NEW).status_code == 302
    assert signed_in_user_id(client) == str(representative.pk)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, smtp_sink, run_email_worker):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    run_email_worker()
    assert smtp_sink.messages == []


def test_the_new_password_follows_the_rules(client, representative, smtp_sink, run_email_worker):
    client.post("/accounts/password-reset/", {"email": representative.email})
    run_email_worker()
    body = smtp_sink.wait(1)[0].get_body(("plain",)).get_content()
    path = re.search(r"http://127\.0\.0\.1:8000(\S+)", body).group(1)
    form = client.get(path, follow=True)
    url = form.redirect_chain[-1][0]
    response = client.post(url, {"new_password1": "Estonia2024!", "new_password2": "Estonia2024!"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
