"""Email alerts, end to end: subscribe from a filtered list → confirmation email through
a real SMTP server → confirm → a new version is published → an alert with one-click
unsubscribe headers → unsubscribe → nothing more."""

import datetime
import re

import pytest

from django.db.models import Max

from forum.alerts.models import SentAlert, Subscription
from forum.documents.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db

EMAIL = "reader@example.net"


@pytest.fixture(autouse=True)
def _immediate_email_tasks(settings):
    # The "email" backend runs tasks at once here (a database queue in production).
    settings.TASKS = {
        **settings.TASKS,
        "email": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["email"],
        },
    }
    settings.WAGTAILADMIN_BASE_URL = "https://forum.example"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    from django.core.cache import cache

    cache.clear()


def new_version(document):
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return DocumentVersion.objects.create(
        document=document,
        number=number,
        title=f"{document.title} v{number}",
        date=datetime.date(2031, 1, 1),
    )


def link(message, name):
    found = re.search(rf"https://forum\.example(/alerts/{name}/[^/\s]+/)", message.get_content())
    assert found, message.get_content()
    return found.group(1)


def test_subscribe_confirm_alert_unsubscribe(client, smtp_sink, django_capture_on_commit_callbacks):
    charter = Document.objects.filter(type="charter").first()
    report = Document.objects.exclude(type="charter").first()

    page = client.get("/documents/?type=charter")
    assert "/alerts/subscribe/?list=documents&amp;type=charter" in page.content.decode()

    form = client.get("/alerts/subscribe/?list=documents&type=charter&sort=oldest&page=2")
    assert form.status_code == 200
    html = form.content.decode()
    assert "<h1>" in html and 'for="id_email"' in html
    assert "Type:" in html and "Charter" in html

    response = client.post("/alerts/subscribe/?list=documents&type=charter", {"email": EMAIL})
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    [confirmation] = smtp_sink.wait(1)
    assert confirmation["To"] == EMAIL
    subscription = Subscription.objects.get(email=EMAIL)
    assert subscription.query == "type=charter" and subscription.confirmed_at is None

    # Subscribing again does not duplicate: the confirmation is sent again.
    client.post("/alerts/subscribe/?list=documents&type=charter", {"email": EMAIL.upper()})
    smtp_sink.wait(2)
    assert Subscription.objects.filter(email=EMAIL).count() == 1

    # Not confirmed yet: nothing is sent.
    with django_capture_on_commit_callbacks(execute=True):
        new_version(charter)
    assert len(smtp_sink.messages) == 2

    confirm = link(confirmation, "confirm")
    assert client.get(confirm).status_code == 200  # a mail scanner following the link
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert client.post(confirm).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    # A report does not match type=charter.
    with django_capture_on_commit_callbacks(execute=True):
        new_version(report)
    assert len(smtp_sink.messages) == 2

    with django_capture_on_commit_callbacks(execute=True):
        version = new_version(charter)
    messages = smtp_sink.wait(3)
    alert = messages[2]
    assert alert["To"] == EMAIL
    assert charter.title in alert["Subject"]
    unsubscribe = link(alert, "unsubscribe")
    # (a long header is folded onto a second line; unfolded it is the link)
    assert "".join(alert["List-Unsubscribe"].split()) == f"<https://forum.example{unsubscribe}>"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"https://forum.example{charter.get_absolute_url()}" in alert.get_content()
    assert SentAlert.objects.filter(
        subscription=subscription, key=f"document-version:{version.pk}"
    ).exists()

    # The same version is never sent twice.
    from forum.alerts.services import alert_queue

    assert (
        alert_queue(list_name="documents", record=charter, key=f"document-version:{version.pk}")
        == 0
    )

    page = client.get(unsubscribe)
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None
    # RFC 8058 one-click: a POST with no CSRF token.
    from django.test import Client

    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        new_version(charter)
    assert len(smtp_sink.messages) == 3


@pytest.mark.parametrize(
    "query, data",
    [
        ("", {"email": EMAIL}),
        ("?list=films", {"email": EMAIL}),
        ("?list=documents&type=novel", {"email": EMAIL}),
        ("?list=documents&member=ZZ", {"email": EMAIL}),
        ("?list=documents&type=charter", {"email": "not an address"}),
    ],
)
def test_invalid_input_is_a_400_with_the_form(client, smtp_sink, query, data):
    response = client.post(f"/alerts/subscribe/{query}", data)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Subscription.objects.exists()
    assert smtp_sink.messages == []


def test_bad_links_are_clear_pages(client):
    for url in ("/alerts/confirm/nonsense/", "/alerts/unsubscribe/nonsense/"):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404
            assert "This link does not work" in response.content.decode()


def test_expired_confirmation_is_410(client, settings):
    from django.core import signing

    from forum.alerts import links

    subscription = Subscription.objects.create(email=EMAIL, list="news")
    token = links.make_token(subscription, links.CONFIRM_SALT)
    real_loads = signing.loads

    def expired(*args, **kwargs):
        kwargs["max_age"] = -1
        return real_loads(*args, **kwargs)

    import unittest.mock

    with unittest.mock.patch.object(links.signing, "loads", expired):
        response = client.post(f"/alerts/confirm/{token}/")
    assert response.status_code == 410
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_news_and_practices_lists_link_to_alerts(client):
    assert "/alerts/subscribe/?list=news" in client.get("/news/").content.decode()
    assert "/alerts/subscribe/?list=practices" in client.get("/practices/").content.decode()


def confirmed(list_name, query=""):
    from django.utils import timezone

    return Subscription.objects.create(
        email=EMAIL, list=list_name, query=query, confirmed_at=timezone.now()
    )


def test_publishing_news_sends_alerts_once(smtp_sink, django_capture_on_commit_callbacks):
    from forum.news.models import NewsItem

    subscription = confirmed("news")
    with django_capture_on_commit_callbacks(execute=True):
        item = NewsItem.objects.create(
            slug="draft-news",
            title="Uruguay hosts a data workshop",
            date=datetime.date(2031, 3, 1),
            summary="Officials met in Montevideo.",
            published=False,
        )
    assert smtp_sink.messages == []  # not published: nothing to tell
    with django_capture_on_commit_callbacks(execute=True):
        item.published = True
        item.save()
    [alert] = smtp_sink.wait(1)
    assert alert["To"] == EMAIL
    assert "Uruguay hosts a data workshop" in alert["Subject"]
    assert "https://forum.example/news/draft-news/" in alert.get_content()
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Saved again while published: no second alert.
    with django_capture_on_commit_callbacks(execute=True):
        item.summary = "Officials of five members met in Montevideo."
        item.save()
    assert len(smtp_sink.messages) == 1
    assert SentAlert.objects.filter(subscription=subscription).count() == 1


def test_a_practice_made_public_sends_alerts_to_matching_subscriptions(
    smtp_sink, django_capture_on_commit_callbacks, representative, secretariat
):
    from forum.practices import services as practices

    confirmed("practices", "member=qa")
    other = Subscription.objects.create(
        email="other@example.net",
        list="practices",
        query="member=qb",
        confirmed_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
    )
    texts = {
        "summary": "One login for every public service.",
        "problem": "A login per service.",
        "approach": "A national eID.",
        "results": "Most services online.",
        "lessons": "Start with the law.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        private = practices.practice_create(
            actor=representative,
            member=representative.member,
            title="Members-only practice",
            visibility="members",
            principles=[],
            themes=[],
            group=None,
            **texts,
        )
        practices.practice_submit(actor=representative, practice=private)
        practices.practice_publish(actor=secretariat, practice=private)
        public = practices.practice_create(
            actor=representative,
            member=representative.member,
            title="Once-only digital identity",
            visibility="public",
            principles=[],
            themes=[],
            group=None,
            **texts,
        )
        practices.practice_submit(actor=representative, practice=public)
    alerts = [m for m in smtp_sink.messages if m["To"] == EMAIL]
    assert alerts == []  # members only, or not yet published
    with django_capture_on_commit_callbacks(execute=True):
        practices.practice_publish(actor=secretariat, practice=public)
    smtp_sink.wait(1)
    alerts = [m for m in smtp_sink.messages if m["To"] in (EMAIL, other.email)]
    assert [m["To"] for m in alerts] == [EMAIL]  # not the subscriber to another member's practices
    assert "Once-only digital identity" in alerts[0]["Subject"]
    assert public.get_absolute_url() in alerts[0].get_content()
    assert not SentAlert.objects.filter(subscription=other).exists()


def test_asking_for_too_many_alert_emails_is_a_429_that_keeps_the_address(
    rate_limits, client, smtp_sink
):
    url = "/alerts/subscribe/?list=news"
    for _ in range(3):
        assert client.post(url, {"email": EMAIL}).status_code == 200
    response = client.post(url, {"email": EMAIL})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Too many requests for alerts" in html
    assert f'value="{EMAIL}"' in html
    smtp_sink.wait(3)
    assert len(smtp_sink.messages) == 3
    # Another address from the same client still may, up to the client's limit.
    assert client.post(url, {"email": "someone@example.org"}).status_code == 200


def test_subscribing_confirming_and_unsubscribing_are_recorded_in_the_audit_log(client, smtp_sink):
    from forum.alerts import links
    from forum.core.models import AuditEntry

    address = {"REMOTE_ADDR": "192.0.2.44"}
    client.post("/alerts/subscribe/?list=news", {"email": EMAIL}, **address)
    subscription = Subscription.objects.get(email=EMAIL)
    client.post(f"/alerts/confirm/{links.make_token(subscription, links.CONFIRM_SALT)}/", **address)
    client.post(f"/alerts/confirm/{links.make_token(subscription, links.CONFIRM_SALT)}/", **address)
    token = links.make_token(subscription, links.UNSUBSCRIBE_SALT)
    client.post(f"/alerts/unsubscribe/{token}/", **address)

    entries = AuditEntry.objects.filter(object_type="alerts.Subscription").order_by("pk")
    assert [entry.action for entry in entries] == [
        "alert.subscribe",
        "alert.confirm",  # once: confirming again changes nothing
        "alert.unsubscribe",
    ]
    for entry in entries:
        assert entry.object_id == str(subscription.pk)
        assert entry.actor_id is None and entry.actor_label == "anonymous"
        assert entry.client_address == "192.0.2.44"
    assert entries[0].after["email"] == EMAIL


def confirm_path(subscription):
    from forum.alerts import links

    return f"/alerts/confirm/{links.make_token(subscription, links.CONFIRM_SALT)}/"


@pytest.mark.parametrize(
    "list_name, query, back",
    [
        ("documents", "member=ee&type=declaration", "Back to the key documents"),
        ("news", "", "Back to the news"),
        ("practices", "member=ee", "Back to the practices"),
    ],
)
def test_confirmation_links_back_to_the_filtered_list(client, list_name, query, back):
    subscription = Subscription.objects.create(email=EMAIL, list=list_name, query=query)
    html = client.post(confirm_path(subscription)).content.decode()
    assert "Your email alerts are on" in html
    href = f"/{list_name}/" + (f"?{query}".replace("&", "&amp;") if query else "")
    assert f'<a href="{href}">{back}</a>' in html


def test_the_confirmation_links_back_in_the_visitors_language(client):
    subscription = Subscription.objects.create(email=EMAIL, list="documents", query="type=charter")
    html = client.post(f"/fr{confirm_path(subscription)}").content.decode()
    assert '<a href="/fr/documents/?type=charter">' in html


def test_check_your_email_links_back_to_the_filtered_list(client, smtp_sink):
    response = client.post("/alerts/subscribe/?list=documents&type=charter", {"email": EMAIL})
    assert '<a href="/documents/?type=charter">Back to the key documents</a>' in (
        response.content.decode()
    )


def test_alert_buttons_look_like_every_other_button(client):
    from forum.alerts import links

    subscription = Subscription.objects.create(email=EMAIL, list="news")
    unsubscribe = f"/alerts/unsubscribe/{links.make_token(subscription, links.UNSUBSCRIBE_SALT)}/"
    for url in ("/alerts/subscribe/?list=news", confirm_path(subscription), unsubscribe):
        main = client.get(url).content.decode().split("<main", 1)[1]
        buttons = re.findall(r"<button[^>]*>", main)
        assert buttons, url
        assert all('class="button"' in button for button in buttons), (url, buttons)


def test_a_groups_decisions_alert_on_progress_the_secretariat_approves(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    """ "Tell me when a decision of this group changes": a progress note recorded or
    approved on one of the group's decisions is an alert, once; a proposed note, or a
    note on another group's decision, is not."""
    from forum.decisions.models import Decision, ProgressNote

    assert (
        "/alerts/subscribe/?list=decisions&amp;group=data-360"
        in client.get("/decisions/?group=data-360").content.decode()
    )
    subscription = confirmed("decisions", "group=data-360")
    ours = Decision.objects.get(basis="started", group__slug="data-360")
    theirs = Decision.objects.get(basis="started", group__slug="digital-identity")
    with django_capture_on_commit_callbacks(execute=True):
        proposed = ProgressNote.objects.create(
            decision=ours,
            date=datetime.date(2031, 2, 1),
            text="A first report is drafted.",
            approved=False,
        )
        ProgressNote.objects.create(
            decision=theirs,
            date=datetime.date(2031, 2, 1),
            text="Another group's news.",
        )
    assert smtp_sink.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        proposed.approved = True
        proposed.save()
    [alert] = smtp_sink.wait(1)
    assert alert["Subject"] == f"[Digital Nations] New: {ours.heading}"
    assert f"https://forum.example/decisions/{ours.pk}/" in alert.get_content()
    assert "https://forum.example/decisions/?group=data-360" in alert.get_content()
    with django_capture_on_commit_callbacks(execute=True):  # saved again: no second alert
        proposed.text = "A first report is drafted and shared."
        proposed.save()
    assert len(smtp_sink.messages) == 1
    assert list(
        SentAlert.objects.filter(subscription=subscription).values_list("key", flat=True)
    ) == [f"progress-note:{proposed.pk}"]
