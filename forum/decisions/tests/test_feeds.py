import datetime

import pytest

from forum.core.tests.helpers import parse_feed
from forum.tests.factories import WorkingGroupFactory

from .factories import DecisionFactory, ProgressNoteFactory

pytestmark = pytest.mark.django_db


def test_feed_has_decisions_agreed_and_progress_newest_first(client):
    decision = DecisionFactory(title="Publish the report", date=datetime.date(2030, 1, 1))
    ProgressNoteFactory(decision=decision, date=datetime.date(2030, 6, 1), text="Draft out")
    feed = parse_feed(client, "/feeds/decisions/")
    assert feed.feed.title == "Digital Nations: progress on decisions"
    titles = [entry.title for entry in feed.entries]
    assert titles[:2] == ["Progress: Publish the report", "Agreed: Publish the report"]
    note = decision.progress_notes.get()
    assert feed.entries[0].link == f"http://testserver/decisions/{decision.pk}/#progress-{note.pk}"
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


def test_feed_takes_the_list_filters(client):
    group = WorkingGroupFactory()
    DecisionFactory(title="Of the group", group=group)
    DecisionFactory(title="Of no group")
    feed = parse_feed(client, f"/feeds/decisions/?group={group.slug}")
    assert [entry.title for entry in feed.entries] == ["Agreed: Of the group"]


def test_feed_refuses_an_unknown_filter(client):
    assert client.get("/feeds/decisions/?status=maybe").status_code == 400
