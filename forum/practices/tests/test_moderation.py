"""A member's change to a published practice waits for the secretariat: the published
version stays as it is, everywhere, until the change is approved; a returned change
leaves it as it was and tells its authors why."""

import pytest

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from forum.core.models import AuditEntry
from forum.notifications.models import Notification, NotificationKind
from forum.practices import services
from forum.practices.models import Practice, PracticeAttachment, PracticeStatus
from forum.principles.models import Principle

from .test_attachments import make_pdf

pytestmark = pytest.mark.django_db


def pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, make_pdf(), "application/pdf")


def themes(practice):
    return sorted(tag.name for tag in practice.themes.all())


def full_form(practice, **values):
    """Every field of the edit form, as a representative posts it."""
    data = {
        "title": practice.title,
        "summary": practice.summary,
        "problem": practice.problem,
        "approach": practice.approach,
        "results": practice.results,
        "lessons": practice.lessons,
        "links": practice.links,
        "principles": [p.pk for p in practice.principles.all()],
        "themes": ", ".join(themes(practice)),
        "group": practice.group_id or "",
        "authors": [a.pk for a in practice.authors.all()],
        "visibility": practice.visibility,
        "attachment_title": "",
    }
    data.update(values)
    return data


@pytest.fixture
def published(make_practice, representative):
    """A published members-only practice of Testland with a file."""
    practice = make_practice(
        representative, title="Kelp registry", status="published", visibility="members"
    )
    practice.attachments.create(file=pdf("old-plan.pdf"), content_type="application/pdf")
    practice.themes.set(["open data"])
    return Practice.objects.get(pk=practice.pk)


# Services -------------------------------------------------------------------------------


def test_a_members_change_to_a_published_practice_waits_for_review(
    published, representative, make_user, working_group
):
    colleague = make_user("group-lead", member=representative.member)
    old_file = published.attachments.get()
    principle = Principle.objects.current().first()

    services.practice_update(
        actor=representative,
        practice=published,
        title="Seaweed ledger",
        summary="Quietly rewritten.",
        problem="A new problem.",
        approach="A new approach.",
        results="New results.",
        lessons="New lessons.",
        links="https://example.org/ledger",
        visibility="public",
        group=working_group,
        principles=[principle],
        themes=["digital identity"],
        authors=[representative, colleague],
        new_attachment=pdf("new-plan.pdf"),
        attachment_title="New plan",
        remove_attachments=[old_file],
    )

    practice = Practice.objects.get(pk=published.pk)
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.title == "Kelp registry"
    assert practice.summary == published.summary
    assert practice.lessons == published.lessons
    assert practice.links == ""
    assert practice.visibility == "members"
    assert practice.group is None
    assert list(practice.principles.all()) == []
    assert themes(practice) == ["open data"]
    assert list(practice.authors.all()) == [representative]
    assert list(practice.attachments.all()) == [old_file]
    assert default_storage.exists(old_file.file.name)
    assert practice.revisions.published().count() == 1

    change = practice.open_change
    assert change.is_pending
    assert change.values["title"] == "Seaweed ledger"
    assert change.values["visibility"] == "public"
    assert change.created_by == representative
    assert [a.title for a in change.new_attachments.all()] == ["New plan"]
    assert AuditEntry.objects.filter(action="practice.propose", object_id=str(practice.pk)).exists()


def test_approving_the_change_publishes_it_files_included(
    published, representative, make_user, working_group, secretariat
):
    colleague = make_user("group-lead", member=representative.member)
    old_file = published.attachments.get()
    principle = Principle.objects.current().first()
    services.practice_update(
        actor=representative,
        practice=published,
        title="Seaweed ledger",
        visibility="public",
        group=working_group,
        principles=[principle],
        themes=["digital identity"],
        authors=[representative, colleague],
        new_attachment=pdf("new-plan.pdf"),
        attachment_title="New plan",
        remove_attachments=[old_file],
    )

    services.practice_publish(actor=secretariat, practice=Practice.objects.get(pk=published.pk))

    practice = Practice.objects.get(pk=published.pk)
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.title == "Seaweed ledger"
    assert practice.visibility == "public"
    assert practice.group == working_group
    assert list(practice.principles.all()) == [principle]
    assert themes(practice) == ["digital identity"]
    assert set(practice.authors.all()) == {representative, colleague}
    assert [a.title for a in practice.attachments.all()] == ["New plan"]
    assert not PracticeAttachment.objects.filter(pk=old_file.pk).exists()
    assert not default_storage.exists(old_file.file.name)
    assert practice.open_change is None
    assert practice.revisions.published().count() == 2
    assert practice.revisions.first().snapshot["title"] == "Seaweed ledger"
    assert practice.published_at == published.published_at
    notes = Notification.objects.filter(kind=NotificationKind.PRACTICE_PUBLISHED)
    assert {n.recipient for n in notes} == {representative, colleague}


def test_returning_the_change_keeps_the_published_version(published, representative, secretariat):
    services.practice_update(actor=representative, practice=published, title="Seaweed ledger")

    services.practice_return(
        actor=secretariat, practice=Practice.objects.get(pk=published.pk), comment="Keep it."
    )

    practice = Practice.objects.get(pk=published.pk)
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.title == "Kelp registry"
    assert practice.return_comment == ""
    change = practice.open_change
    assert not change.is_pending
    assert change.comment == "Keep it."
    assert change.values["title"] == "Seaweed ledger"
    note = Notification.objects.get(kind=NotificationKind.PRACTICE_RETURNED)
    assert note.recipient == representative
    assert note.body == "Keep it."

    # Edited again, the change goes back to the secretariat.
    services.practice_update(actor=representative, practice=practice, title="Kelp ledger")
    change.refresh_from_db()
    assert change.is_pending
    assert change.values["title"] == "Kelp ledger"
    assert Practice.objects.get(pk=published.pk).title == "Kelp registry"


def test_the_secretariats_own_edit_applies_at_once(published, secretariat):
    services.practice_update(actor=secretariat, practice=published, title="Kelp registry (2025)")
    practice = Practice.objects.get(pk=published.pk)
    assert practice.title == "Kelp registry (2025)"
    assert practice.open_change is None
    assert practice.revisions.published().count() == 2


def test_drafts_are_still_edited_directly(make_practice, representative):
    practice = make_practice(representative, status="returned")
    services.practice_update(actor=representative, practice=practice, title="Better title")
    practice.refresh_from_db()
    assert practice.title == "Better title"
    assert practice.open_change is None


def test_taking_down_a_practice_keeps_the_members_returned_change(
    published, representative, secretariat
):
    services.practice_update(actor=representative, practice=published, summary="Typed text.")
    services.practice_return(actor=secretariat, practice=published, comment="Not this.")
    services.practice_return(actor=secretariat, practice=published, comment="Out of date.")
    practice = Practice.objects.get(pk=published.pk)
    assert practice.status == PracticeStatus.RETURNED
    assert practice.return_comment == "Out of date."
    assert practice.summary == "Typed text."  # not public any more: nothing typed is lost
    assert practice.open_change is None


# Pages ----------------------------------------------------------------------------------


def test_a_representative_edits_a_published_practice_through_the_form(
    published, representative, working_group, client_for, client
):
    practice = published
    practice.visibility = "public"
    practice.save()
    editor = client_for(representative)
    url = f"{practice.get_workspace_url()}edit/"
    html = editor.get(url).content.decode()
    assert "the secretariat reviews your changes" in html

    response = editor.post(
        url,
        full_form(
            practice,
            title="Seaweed ledger",
            summary="Quietly rewritten.",
            lessons="Typed by the member.",
            themes="digital identity",
            group=working_group.pk,
            new_attachment=pdf("new-plan.pdf"),
            attachment_title="New plan",
        ),
        follow=True,
    )
    assert response.redirect_chain == [(practice.get_workspace_url(), 302)]
    html = response.content.decode()
    assert "Your changes are sent to the secretariat for review" in html
    assert "Changes waiting for review" in html

    practice.refresh_from_db()
    assert practice.title == "Kelp registry"
    public = client.get(practice.get_absolute_url()).content.decode()
    assert "Kelp registry" in public and "Seaweed ledger" not in public
    assert "New plan" not in public

    # Editing again shows what they typed, not the published text.
    html = editor.get(url).content.decode()
    assert 'value="Seaweed ledger"' in html
    assert "Typed by the member." in html
    assert 'value="digital identity"' in html
    assert f'<option value="{working_group.pk}" selected>' in html
    assert "New plan" in html

    response = editor.post(url, full_form(practice, title="Seaweed ledger II"))
    assert response.status_code == 302
    assert Practice.objects.get(pk=practice.pk).open_change.values["title"] == "Seaweed ledger II"


def test_the_secretariat_sees_the_change_and_approves_it(
    published, representative, secretariat, client_for, client
):
    services.practice_update(
        actor=representative,
        practice=published,
        title="Seaweed ledger",
        visibility="public",
        new_attachment=pdf("new-plan.pdf"),
        attachment_title="New plan",
    )
    staff = client_for(secretariat)
    html = staff.get("/workspace/practices/").content.decode()
    review = html.split('id="review-heading"')[1].split("</section>")[0]
    assert "Kelp registry" in review
    html = staff.get(published.get_workspace_url()).content.decode()
    assert "Changes waiting for review" in html and "Seaweed ledger" in html
    new_file = PracticeAttachment.objects.get(title="New plan")
    assert staff.get(f"{published.get_workspace_url()}files/{new_file.pk}/").status_code == 200

    response = staff.post(f"{published.get_workspace_url()}publish/")
    assert response.status_code == 302
    public = client.get(published.get_absolute_url()).content.decode()
    assert "Seaweed ledger" in public
    assert client.get(f"/practices/{published.slug}/files/{new_file.pk}/").status_code == 200


def test_the_member_sees_the_returned_change_with_its_comment(
    published, representative, secretariat, client_for
):
    services.practice_update(actor=representative, practice=published, title="Seaweed ledger")
    staff = client_for(secretariat)
    response = staff.post(f"{published.get_workspace_url()}return/", {"comment": "Keep it."})
    assert response.status_code == 302
    html = client_for(representative).get(published.get_workspace_url()).content.decode()
    assert "Changes returned by the secretariat" in html
    assert "Keep it." in html
    html = client_for(representative).get(f"{published.get_workspace_url()}edit/")
    assert 'value="Seaweed ledger"' in html.content.decode()


def test_everything_public_shows_the_approved_version(
    make_practice, representative, other_representative, secretariat, client_for, client
):
    practice = make_practice(
        representative, title="Kelp registry", status="published", visibility="public"
    )
    services.practice_update(
        actor=representative,
        practice=practice,
        title="Seaweed ledger",
        summary="Quietly rewritten.",
        themes=["seaweed"],
        new_attachment=pdf("new-plan.pdf"),
        attachment_title="New plan",
    )
    new_file = PracticeAttachment.objects.get(title="New plan")
    addresses = [
        practice.get_absolute_url(),
        "/practices/",
        "/feeds/practices/",
        "/api/v1/practices/",
        f"/api/v1/practices/{practice.slug}",
        "/data/practices.csv",
        "/search/?q=registry",
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        body = b"".join(response.streaming_content) if response.streaming else response.content
        body = body.decode()
        assert "Kelp" in body and "registry" in body, address  # the search marks words
        assert "Seaweed ledger" not in body, address
        assert "Quietly rewritten" not in body, address
        assert "seaweed" not in body.lower(), address
    assert "Seaweed" not in client.get("/search/?q=seaweed").content.decode()

    # Nor do other members see it, in their list or on the practice's page.
    other = client_for(other_representative)
    for address in ["/workspace/practices/", practice.get_workspace_url()]:
        html = other.get(address).content.decode()
        assert "Kelp registry" in html and "Seaweed ledger" not in html, address

    # The new file is for the member's officials and the secretariat until approved.
    public_file = f"/practices/{practice.slug}/files/{new_file.pk}/"
    workspace_file = f"{practice.get_workspace_url()}files/{new_file.pk}/"
    assert client.get(public_file).status_code == 404
    assert other.get(workspace_file).status_code == 404
    assert client_for(representative).get(workspace_file).status_code == 200
    assert client_for(secretariat).get(workspace_file).status_code == 200
