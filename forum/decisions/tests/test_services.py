import datetime

import pytest

from forum.decisions.services import summit_decisions
from forum.summits.models import Summit

from .factories import DecisionFactory, ProgressNoteFactory

pytestmark = pytest.mark.django_db


def test_summit_decisions_gives_each_with_its_latest_note(django_assert_max_num_queries):
    summit = Summit.objects.get(year=2021)
    decision = DecisionFactory(summit=summit, title="Report back")
    ProgressNoteFactory(decision=decision, date=datetime.date(2030, 1, 1), text="older")
    ProgressNoteFactory(decision=decision, date=datetime.date(2031, 1, 1), text="newer")
    with django_assert_max_num_queries(2):
        decisions = summit_decisions(summit)
    found = {d.pk: d for d in decisions}
    assert found[decision.pk].latest_note.text == "newer"
    assert all(d.summit_id == summit.pk for d in decisions)
    assert len(decisions) > 1  # and what the records prove


def test_summit_decisions_template_shows_status(client):
    from django.template.loader import render_to_string

    summit = Summit.objects.get(year=2021)
    DecisionFactory(summit=summit, title="Report back")
    html = render_to_string(
        "decisions/summit_decisions.html",
        {"decisions": summit_decisions(summit), "summit": summit},
    )
    assert "What this summit decided" in html
    assert "Report back" in html and "Agreed" in html and "Done" in html
    assert f"?summit={summit.slug}" in html


def test_a_summit_reads_its_decisions_through_the_relation(django_assert_max_num_queries):
    summit = Summit.objects.get(year=2021)
    decision = DecisionFactory(summit=summit, title="Report back")
    ProgressNoteFactory(decision=decision, text="published")
    ProgressNoteFactory(decision=decision, date=datetime.date(2032, 1, 1), approved=False)
    with django_assert_max_num_queries(2):
        decisions = list(summit.decisions.listed().with_progress())
        notes = {d.pk: d.latest_note for d in decisions}
    assert notes[decision.pk].text == "published"  # the proposal waiting is not shown
