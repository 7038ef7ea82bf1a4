"""The contact form: every message stored, then emailed to the secretariat by the email
worker (a real SMTP server here); bad input shown again as typed; a limit per client and
per sender; nothing lost when email fails; the messages listed in /cms/."""

import re
import socket

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.test import Client

from forum.contact import limits
from forum.contact.models import ContactMessage, ContactPage
from forum.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SEND = "/contact/send/"
MESSAGE = {
    "name": "Ana Souza",
    "email": "ana.souza@example.org",
    "subject": "Charter in Portuguese",
    "message": "Is there a Portuguese text of the Charter?\n\nThank you.",
}


def queued():
    return DBTaskResult.objects.filter(backend_name="email", queue_name="email")


@pytest.fixture
def contact_email():
    page = ContactPage.objects.get()
    page.email = "secretariat@digitalnations.example"
    page.address = "Digital Nations secretariat\n1 Example Street\nExample City"
    page.save()
    return page.email


def test_the_page_shows_the_address_and_the_form(client, contact_email):
    html = client.get("/contact/").content.decode()
    assert "<address>Digital Nations secretariat<br>1 Example Street<br>Example City</address>" in (
        html
    )
    assert f'href="mailto:{contact_email}"' in html
    assert 'action="/contact/send/"' in html and 'method="post"' in html
    for name in ("name", "email", "subject", "message"):
        assert f'name="{name}"' in html
    assert 'autocomplete="email"' in html


def test_a_message_is_stored_and_emailed_by_the_worker(
    client, contact_email, smtp_sink, run_email_worker, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://forum.example"
    response = client.post(SEND, MESSAGE)
    assert response.status_code == 303
    assert response["Location"] == "/contact/sent/"
    assert "has received your message" in client.get("/contact/sent/").content.decode()
    message = ContactMessage.objects.get()
    assert message.name == "Ana Souza" and message.language == "en"
    assert message.message == MESSAGE["message"]
    assert message.emailed_at is None
    assert smtp_sink.messages == []  # nothing sent inside the request
    [task] = queued()
    assert task.task_path == "forum.contact.tasks.contact_message_mail"

    run_email_worker()
    [email] = smtp_sink.wait(1)
    assert email["To"] == contact_email
    assert email["Reply-To"] == MESSAGE["email"]
    assert email["Subject"] == "[Digital Nations] Contact form: Charter in Portuguese"
    text = email.get_content()
    assert "Ana Souza <ana.souza@example.org> wrote through the contact form" in text
    assert "Is there a Portuguese text of the Charter?" in text
    assert f"https://forum.example/cms/snippets/contact/contactmessage/edit/{message.pk}/" in text
    message.refresh_from_db()
    assert message.emailed_at is not None
    [task] = queued()
    assert task.status == TaskResultStatus.SUCCESSFUL


def test_without_an_address_on_the_page_the_secretariat_gets_it(
    client, secretariat, representative, smtp_sink, run_email_worker
):
    client.post(SEND, MESSAGE)
    run_email_worker()
    [email] = smtp_sink.wait(1)
    recipients = email["To"].split(", ")
    assert secretariat.email in recipients
    assert representative.email not in recipients


def test_when_email_fails_the_message_is_kept(client, contact_email, settings, run_email_worker):
    with socket.socket() as probe:  # a port where no mail server listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_TIMEOUT = 2
    assert client.post(SEND, MESSAGE).status_code == 303
    run_email_worker()
    [task] = queued()
    assert task.status == TaskResultStatus.FAILED
    message = ContactMessage.objects.get()
    assert message.emailed_at is None
    assert message.message == MESSAGE["message"]


def test_the_secretariat_reads_the_messages_in_the_cms(
    client, verified_secretariat_client, representative
):
    client.post(SEND, MESSAGE)
    message = ContactMessage.objects.get()
    listing = verified_secretariat_client.get("/cms/snippets/contact/contactmessage/")
    assert listing.status_code == 200
    assert "Charter in Portuguese" in listing.content.decode()
    detail = verified_secretariat_client.get(
        f"/cms/snippets/contact/contactmessage/edit/{message.pk}/"
    )
    assert "Is there a Portuguese text of the Charter?" in detail.content.decode()
    # Not for members.
    member = Client()
    member.force_login(representative)
    assert member.get("/cms/snippets/contact/contactmessage/").status_code in (302, 403)


def test_the_audit_log_records_the_message_but_not_what_it_says(client):
    client.post(SEND, MESSAGE, REMOTE_ADDR="203.0.113.7")
    message = ContactMessage.objects.get()
    entry = AuditEntry.objects.get(object_type="contact.ContactMessage")
    assert entry.action == "create" and entry.actor_label == "anonymous"
    assert entry.object_id == str(message.pk)
    assert entry.client_address == "203.0.113.7"
    recorded = f"{entry.object_repr} {entry.before} {entry.after}"
    assert "Ana" not in recorded and "example.org" not in recorded
    assert "Portuguese" not in recorded


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**MESSAGE, "email": "not an address"}, "email"),
        ({**MESSAGE, "message": "  \n\t "}, "message"),
        ({**MESSAGE, "name": ""}, "name"),
        ({**MESSAGE, "message": "x" * 5001}, "message"),
        ({**MESSAGE, "message": "nul \x00 byte"}, "message"),
        ({**MESSAGE, "subject": "s" * 201}, "subject"),
    ],
)
def test_bad_input_is_shown_again_as_typed(client, data, field):
    response = client.post(SEND, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert 'aria-invalid="true"' in html or "aria-describedby" in html
    if field != "name":
        assert 'value="Ana Souza"' in html
    if field != "message":
        assert "Is there a Portuguese text of the Charter?" in html
    assert not ContactMessage.objects.exists()


def test_a_form_with_errors_stays_in_the_visitors_language(client):
    response = client.post("/fr/contact/send/", {**MESSAGE, "email": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "<h1>Contact</h1>" in html
    assert "Le secrétariat lit chaque message" in html  # the page's text, in French
    ok = client.post("/fr/contact/send/", MESSAGE)
    assert ok["Location"] == "/fr/contact/sent/"
    assert ContactMessage.objects.get().language == "fr"
    assert "<h1>Message" in client.get("/fr/contact/sent/").content.decode()


def test_only_post_is_taken(client):
    assert client.get(SEND).status_code == 405
    assert client.put(SEND).status_code == 405


@pytest.mark.usefixtures("rate_limits")
def test_one_client_cannot_flood_the_secretariat(client):
    allowed = int(dict(limits.RULES)["client"].split("/")[0])
    for number in range(allowed):
        data = {**MESSAGE, "email": f"person{number}@example.org"}
        assert client.post(SEND, data).status_code == 303, number
    refused = client.post(SEND, {**MESSAGE, "email": "another@example.org"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert re.search(r"Wait \d+ minutes?, then send yours again", html)
    assert 'value="another@example.org"' in html  # what was typed is kept
    assert ContactMessage.objects.count() == allowed
    # Another client may still write.
    assert Client(REMOTE_ADDR="198.51.100.9").post(SEND, MESSAGE).status_code == 303


@pytest.mark.usefixtures("rate_limits")
def test_many_clients_cannot_flood_one_sender(client):
    allowed = int(dict(limits.RULES)["sender"].split("/")[0])
    for number in range(allowed):
        other = Client(REMOTE_ADDR=f"203.0.113.{number + 1}")
        assert other.post(SEND, MESSAGE).status_code == 303
    refused = Client(REMOTE_ADDR="198.51.100.9").post(SEND, MESSAGE)
    assert refused.status_code == 429


def test_any_text_in_any_field_gets_an_answer(client):
    from urllib.parse import unquote

    from forum.site.tests.test_hostile_input import CORPUS

    values = CORPUS + [unquote(value) for value in CORPUS]
    for value in values:
        for field in ("name", "email", "subject", "message"):
            response = client.post(SEND, {**MESSAGE, field: value})
            assert response.status_code in (303, 400), (field, value[:50], response.status_code)
    for message in ContactMessage.objects.all():
        assert "\x00" not in message.message + message.name + message.subject
        assert "\u202e" not in message.message + message.name + message.subject


def test_each_visitor_gets_a_form_of_their_own(settings):
    settings.PAGE_CACHE_SECONDS = 600  # the page cache must not keep a form's token

    def token(html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]

    first, second = Client(), Client()
    one = first.get("/contact/").content.decode()
    two = second.get("/contact/").content.decode()
    assert token(one) != token(two)
    assert first.post(SEND, {**MESSAGE, "csrfmiddlewaretoken": token(one)}).status_code == 303
