"""A practice's whole life, through the pages, as the people concerned use them."""

import pytest

from forum.core.models import AuditEntry
from forum.practices.models import Practice, PracticeStatus
from forum.principles.models import Principle

pytestmark = pytest.mark.django_db


def form_data(**values):
    data = {
        "title": "X-Road: data exchange between agencies",
        "summary": "Every agency exchanges data over one secure layer.",
        "problem": "Citizens gave the same data to many agencies.",
        "approach": "A decentralised data exchange layer.\n\nPublished as open source.",
        "results": "Once-only: data is asked for once.",
        "lessons": "Governance matters more than technology.",
        "links": "https://x-road.global/\nhttps://e-estonia.com/solutions/interoperability-services/x-road/",
        "themes": "interoperability, once only",
        "visibility": "public",
    }
    data.update(values)
    return data


def test_draft_submit_publish_return_and_revise(
    representative, other_representative, secretariat, client_for, client
):
    estonian = client_for(representative)
    principle = Principle.objects.current().first()

    # The Estonian representative drafts a practice.
    response = estonian.get("/workspace/practices/new/")
    assert response.status_code == 200
    assert 'name="member"' not in response.content.decode()  # always their own member
    response = estonian.post("/workspace/practices/new/", form_data(principles=[principle.pk]))
    assert response.status_code == 302
    practice = Practice.objects.get(title="X-Road: data exchange between agencies")
    assert response["Location"] == "/workspace/practices/x-road-data-exchange-between-agencies/"
    assert practice.member.iso_code == "QA"
    assert practice.status == PracticeStatus.DRAFT
    assert list(practice.authors.all()) == [representative]
    assert sorted(t.name for t in practice.themes.all()) == ["interoperability", "once only"]
    assert list(practice.principles.all()) == [principle]
    assert AuditEntry.objects.filter(action="practice.create", object_id=str(practice.pk)).exists()

    # A draft is nowhere in public, nor for another member.
    assert client.get("/practices/x-road-data-exchange-between-agencies/").status_code == 404
    canadian = client_for(other_representative)
    assert canadian.get(practice.get_workspace_url()).status_code == 404

    # Submitted, then published by the secretariat.
    response = estonian.post(f"{practice.get_workspace_url()}submit/")
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    staff = client_for(secretariat)
    page = staff.get("/workspace/practices/").content.decode()
    assert "Waiting for review" in page and practice.title in page
    response = staff.post(f"{practice.get_workspace_url()}publish/")
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at is not None
    assert practice.revisions.count() == 1

    # It is on the public list, its page and the site search.
    html = client.get("/practices/").content.decode()
    assert practice.title in html
    html = client.get("/practices/x-road-data-exchange-between-agencies/").content.decode()
    assert "<h1>X-Road: data exchange between agencies</h1>" in html
    assert "<p>Published as open source.</p>" in html
    assert 'href="https://x-road.global/"' in html
    assert representative.email not in html  # authors are named in the workspace only
    response = client.get("/search/?q=decentralised+exchange")
    assert response.status_code == 200
    assert 'href="/practices/x-road-data-exchange-between-agencies/"' in response.content.decode()

    # The Canadian representative reads it in the workspace but cannot edit it.
    html = canadian.get(practice.get_workspace_url()).content.decode()
    assert practice.title in html
    assert "/edit/" not in html
    assert canadian.get(f"{practice.get_workspace_url()}edit/").status_code == 403

    # Returned with a comment: taken down, the comment shown to its authors.
    response = staff.post(
        f"{practice.get_workspace_url()}return/", {"comment": "Please add the costs."}
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.RETURNED
    assert client.get("/practices/x-road-data-exchange-between-agencies/").status_code == 404
    html = estonian.get(practice.get_workspace_url()).content.decode()
    assert "Returned by the secretariat" in html and "Please add the costs." in html
    assert "Submit for review" in html

    # Edited, submitted again and published again: a second revision.
    response = estonian.post(
        f"{practice.get_workspace_url()}edit/",
        form_data(results="Once-only; costs fell by a third."),
    )
    assert response.status_code == 302
    estonian.post(f"{practice.get_workspace_url()}submit/")
    staff.post(f"{practice.get_workspace_url()}publish/")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.return_comment == ""
    assert practice.revisions.count() == 2

    # Edits to the published practice wait for the secretariat; once published by it,
    # they are kept as a revision.
    response = estonian.post(
        f"{practice.get_workspace_url()}edit/",
        form_data(title="X-Road: data exchange between agencies", lessons="Start small."),
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.lessons == "Governance matters more than technology."
    assert "Start small." not in client.get(practice.get_absolute_url()).content.decode()
    assert [r.number for r in practice.revisions.published()] == [2, 1]
    staff.post(f"{practice.get_workspace_url()}publish/")
    practice.refresh_from_db()
    assert practice.lessons == "Start small."
    assert [r.number for r in practice.revisions.all()] == [3, 2, 1]
    assert practice.revisions.first().snapshot["lessons"] == "Start small."
    assert practice.revisions.last().snapshot["lessons"] == (
        "Governance matters more than technology."
    )
    html = estonian.get(f"{practice.get_workspace_url()}revisions/").content.decode()
    assert "Revision 3" in html and "Revision 1" in html
    assert "Start small." in html
    assert staff.get(f"{practice.get_workspace_url()}revisions/").status_code == 200
    assert canadian.get(f"{practice.get_workspace_url()}revisions/").status_code == 403

    actions = set(
        AuditEntry.objects.filter(
            object_id=str(practice.pk), object_type="practices.Practice"
        ).values_list("action", flat=True)
    )
    assert actions == {
        "practice.create",
        "practice.submit",
        "practice.publish",
        "practice.return",
        "practice.update",
        "practice.propose",
        "practice.publish_change",
    }


def test_members_only_practice_is_for_members_only(
    make_practice,
    representative,
    other_representative,
    group_lead,
    secretariat,
    client_for,
    client,
):
    practice = make_practice(representative, visibility="members", status="published")
    assert client.get(practice.get_absolute_url()).status_code == 404
    assert practice.title not in client.get("/practices/").content.decode()
    assert practice.title not in client.get("/feeds/practices/").content.decode()
    assert practice.title not in client.get("/search/?q=identity").content.decode()
    for person in (other_representative, group_lead, secretariat):
        response = client_for(person).get(practice.get_workspace_url())
        assert response.status_code == 200, person
        assert practice.title in client_for(person).get("/workspace/practices/").content.decode()


def test_drafts_list_shows_the_members_unpublished_practices(
    make_practice, representative, group_lead, other_representative, client_for
):
    draft = make_practice(representative, title="Estonian draft")
    returned = make_practice(representative, title="Estonian returned", status="returned")
    make_practice(other_representative, title="Canadian draft")
    html = client_for(group_lead).get("/workspace/practices/").content.decode()
    drafts = html.split('id="drafts-heading"')[1].split("</section>")[0]
    assert draft.title in drafts and returned.title in drafts
    assert "Canadian draft" not in html
