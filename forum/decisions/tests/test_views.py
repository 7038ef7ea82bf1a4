"""/decisions/ and /decisions/<id>/, in English and French."""

import datetime
import re

import pytest

from forum.decisions.models import Decision, DecisionBasis, DecisionStatus
from forum.summits.models import Summit
from forum.tests.factories import MemberFactory, WorkingGroupFactory

from .factories import DecisionFactory, ProgressNoteFactory

pytestmark = pytest.mark.django_db


def option(html: str, name: str, value: str) -> str:
    """The label of one option of a filter's select."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    found = re.search(rf'<option value="{re.escape(value)}"[^>]*>([^<]*)</option>', select)
    return found.group(1) if found else ""


def test_list_shows_every_decision_newest_summit_first(client):
    response = client.get("/decisions/")
    assert response.status_code == 200
    html = response.content.decode()
    newest = Summit.objects.filter(decisions__isnull=False).order_by("-number").first()
    oldest = Summit.objects.filter(decisions__isnull=False).order_by("number").first()
    assert html.index(f"{newest.label} {newest.year}") < html.index(f"{oldest.label} {oldest.year}")
    assert f"{Decision.objects.count()} decisions" in html


def test_list_filters_by_group_and_status_with_counts(client):
    group = WorkingGroupFactory()
    DecisionFactory(group=group, status=DecisionStatus.IN_PROGRESS, title="Write a report")
    DecisionFactory(group=group, status=DecisionStatus.DONE, title="Hold a workshop")
    html = client.get(f"/decisions/?group={group.slug}").content.decode()
    assert "Write a report" in html and "Hold a workshop" in html
    assert "2 decisions" in html
    assert option(html, "status", "in_progress") == "In progress (1)"
    assert option(html, "group", group.slug) == f"{group.name} (2)"
    html = client.get(f"/decisions/?group={group.slug}&status=in_progress").content.decode()
    assert "Write a report" in html and "Hold a workshop" not in html
    assert "1 decision<" in html


def test_list_filters_by_summit_in_french(client):
    summit = Summit.objects.get(year=2021)
    response = client.get(f"/fr/decisions/?summit={summit.slug}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="fr"' in html
    count = Decision.objects.filter(summit=summit).count()
    assert count > 0
    assert option(html, "summit", summit.slug).endswith(f"({count})")
    assert 'id="translation-notice"' not in html


def test_list_filters_by_member(client):
    member = MemberFactory()
    decision = DecisionFactory(title="Share the code")
    decision.members.add(member)
    decision.save()
    html = client.get(f"/decisions/?member={member.iso_code.lower()}").content.decode()
    assert "Share the code" in html
    assert option(html, "member", member.iso_code.lower()) == f"{member.name} (1)"


def test_unknown_filter_value_is_a_400(client):
    assert client.get("/decisions/?group=no-such-group").status_code == 400
    assert client.get("/decisions/?status=maybe").status_code == 400


def test_detail_shows_carriers_due_date_and_progress_in_order(client):
    group = WorkingGroupFactory()
    decision = DecisionFactory(
        title="Publish a shared approach",
        group=group,
        secretariat=True,
        by_next_summit=True,
        status=DecisionStatus.IN_PROGRESS,
    )
    ProgressNoteFactory(decision=decision, date=datetime.date(2031, 1, 1), text="Second step")
    ProgressNoteFactory(
        decision=decision,
        date=datetime.date(2030, 2, 1),
        text="First step",
        url="https://example.org/first",
    )
    response = client.get(f"/decisions/{decision.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Publish a shared approach</h1>" in html
    assert group.name in html and "the secretariat" in html and "the next summit" in html
    assert "In progress" in html
    assert html.index("First step") < html.index("Second step")
    assert "https://example.org/first" in html
    assert "https://example.org/decision" in html  # its sources


def test_derived_decision_detail_in_french_is_fully_translated(client):
    decision = Decision.objects.filter(basis=DecisionBasis.RENEWED).first()
    html = client.get(f"/fr/decisions/{decision.pk}/").content.decode()
    assert 'id="translation-notice"' not in html
    assert decision.document_version.get_absolute_url().strip("/") in html


def test_missing_decision_is_a_404(client):
    assert client.get("/decisions/999999/").status_code == 404


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from forum.core.models import ContentClock

    ContentClock.touch()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_decisions(n, group, member):
    for _ in range(n):
        decision = DecisionFactory(group=group)
        decision.members.add(member)
        decision.save()
        ProgressNoteFactory(decision=decision)


@pytest.mark.parametrize("path", ["/decisions/", "/fr/decisions/?status=agreed"])
def test_list_query_count_does_not_grow(client, path):
    group, member = WorkingGroupFactory(), MemberFactory()
    add_decisions(3, group, member)
    few = queries_for(client, path)
    add_decisions(40, group, member)
    assert queries_for(client, path) == few
    assert few <= 10


def test_detail_query_count_does_not_grow(client):
    decision = DecisionFactory(group=WorkingGroupFactory())
    ProgressNoteFactory(decision=decision)
    few = queries_for(client, f"/decisions/{decision.pk}/")
    for _ in range(20):
        ProgressNoteFactory(decision=decision)
        decision.members.add(MemberFactory())
    decision.save()
    assert queries_for(client, f"/decisions/{decision.pk}/") == few
    assert few <= 10


@pytest.mark.parametrize(
    "path",
    [
        "/decisions/99999999999999999999999/",
        "/decisions/?page=zz",
        "/decisions/?member=%E2%80%AE%00",
        "/decisions/?q=%00%27%22%3C",
        "/decisions/?summit=../../etc",
    ],
)
def test_hostile_addresses_get_a_4xx_or_a_page_never_a_500(client, path):
    assert client.get(path).status_code in (200, 400, 404)


def test_a_kept_page_of_decisions_shows_a_new_decision_at_once(client):
    """The list's page of results is kept per content version: a decision recorded since
    (the content clock moved, as its commit does) is listed on the next request."""
    from forum.core.models import ContentClock
    from forum.decisions.models import Decision

    before = client.get("/decisions/").content.decode()
    assert "A shared register of public code" not in before
    Decision.objects.create(title="A shared register of public code", secretariat=True)
    ContentClock.touch()
    after = client.get("/decisions/").content.decode()
    assert "A shared register of public code" in after
    assert f"{Decision.objects.count()} decisions" in after
