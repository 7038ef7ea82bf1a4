"""The secretariat records decisions and their progress in /cms/."""

import pytest

from forum.decisions.models import Decision
from forum.documents.models import Document
from forum.summits.models import Summit
from forum.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ADD = "/cms/snippets/decisions/decision/add/"


def test_add_form_opens(verified_secretariat_client):
    response = verified_secretariat_client.get(ADD)
    assert response.status_code == 200
    assert b"progress_notes-TOTAL_FORMS" in response.content


def test_secretariat_adds_a_decision_with_a_progress_note(verified_secretariat_client):
    summit = Summit.objects.get(year=2021)
    member = MemberFactory()
    document = Document.objects.first()
    data = {
        "summit": summit.pk,
        "title": "Report on shared platforms by the next summit",
        "text": "",
        "members": [member.pk],
        "secretariat": "on",
        "by_next_summit": "on",
        "status": "in_progress",
        "sources": "https://example.org/communique",
        "confidence": "high",
        "confidence_note": "",
        "progress_notes-TOTAL_FORMS": "1",
        "progress_notes-INITIAL_FORMS": "0",
        "progress_notes-MIN_NUM_FORMS": "0",
        "progress_notes-MAX_NUM_FORMS": "1000",
        "progress_notes-0-date": "2022-03-01",
        "progress_notes-0-text": "A first draft was shared.",
        "progress_notes-0-documents": [document.pk],
        "progress_notes-0-url": "",
        "progress_notes-0-ORDER": "1",
        "progress_notes-0-id": "",
        "progress_notes-0-DELETE": "",
    }
    response = verified_secretariat_client.post(ADD, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    decision = Decision.objects.get(title="Report on shared platforms by the next summit")
    assert list(decision.members.all()) == [member]
    assert decision.secretariat and decision.by_next_summit
    note = decision.progress_notes.get()
    assert note.text == "A first draft was shared."
    assert list(note.documents.all()) == [document]


def test_decisions_are_listed_in_cms_with_their_headings(verified_secretariat_client):
    response = verified_secretariat_client.get("/cms/snippets/decisions/decision/")
    assert response.status_code == 200
    assert "Charter renewed: Digital Nations Charter (2021)" in response.content.decode()


def test_edit_form_of_a_derived_decision_opens(verified_secretariat_client):
    decision = Decision.objects.get(key="renewed/dn-charter/5")
    url = f"/cms/snippets/decisions/decision/edit/{decision.pk}/"
    assert verified_secretariat_client.get(url).status_code == 200
