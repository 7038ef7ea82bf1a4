"""The SPEC's roles table, row by row, for practices: each role allowed or refused, by
address and by form post, including guessed addresses and ids of another member's
practices."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from forum.members.models import Member
from forum.practices import services
from forum.practices.models import Practice, PracticeStatus

from .test_attachments import make_pdf

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "representative", "group_lead", "secretariat"]


@pytest.fixture
def as_role(request, client_for):
    """as_role("representative") → a client signed in with that role (Estonia for the
    representative and the group lead), or an anonymous one."""

    def make(role):
        if role == "anonymous":
            return Client()
        return client_for(request.getfixturevalue(role))

    return make


def edit_data(practice, **values):
    data = {
        "title": practice.title,
        "summary": practice.summary,
        "problem": practice.problem,
        "approach": practice.approach,
        "results": practice.results,
        "lessons": practice.lessons,
        "visibility": practice.visibility,
    }
    data.update(values)
    return data


# Row: read public content, API, feeds — everyone.


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_public_practices_and_the_feed(role, as_role, make_practice, make_user):
    author = make_user("representative", member="EE")
    practice = make_practice(author, status="published", visibility="public")
    client = as_role(role)
    assert practice.title in client.get("/practices/").content.decode()
    assert client.get(practice.get_absolute_url()).status_code == 200
    assert practice.title in client.get("/feeds/practices/").content.decode()


# Row: read members-only practices — not the public.


def test_public_cannot_read_members_only_practices(client, make_practice, make_user):
    practice = make_practice(
        make_user("representative", member="EE"), status="published", visibility="members"
    )
    assert client.get(practice.get_absolute_url()).status_code == 404
    response = client.get(practice.get_workspace_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
    assert client.get("/workspace/practices/").status_code == 302


@pytest.mark.parametrize("role", ["representative", "group_lead", "secretariat"])
def test_officials_read_members_only_practices_of_other_members(
    role, as_role, make_practice, make_user
):
    practice = make_practice(
        make_user("representative", member="CA"), status="published", visibility="members"
    )
    client = as_role(role)
    assert client.get(practice.get_workspace_url()).status_code == 200
    assert practice.title in client.get("/workspace/practices/").content.decode()
    # …but never on the public site, even when signed in.
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_signed_in_without_a_role_gets_403(make_user, make_practice, representative):
    practice = make_practice(representative, status="published", visibility="members")
    nobody = make_user("", email="nobody@example.org")
    client = Client()
    client.force_login(nobody)
    assert client.get("/workspace/practices/").status_code == 403
    assert client.get(practice.get_workspace_url()).status_code == 403
    assert client.post(f"{practice.get_workspace_url()}edit/", {}).status_code == 403


# Row: draft, edit, submit practices of their own member — not the public.


@pytest.mark.parametrize("role", ["representative", "group_lead"])
def test_officials_draft_edit_and_submit_for_their_own_member(
    role, as_role, request, make_practice, representative
):
    client = as_role(role)
    response = client.post(
        "/workspace/practices/new/",
        {
            "title": f"Drafted by a {role}",
            "summary": "A summary.",
            "problem": "A problem.",
            "approach": "An approach.",
            "results": "Results.",
            "visibility": "members",
        },
    )
    assert response.status_code == 302
    own = Practice.objects.get(title=f"Drafted by a {role}")
    assert own.member.iso_code == "QA"
    # A practice of the same member written by someone else is theirs to edit too.
    colleague = make_practice(representative, title="By a colleague")
    response = client.post(
        f"{colleague.get_workspace_url()}edit/", edit_data(colleague, summary="Better.")
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.summary == "Better."
    assert client.post(f"{own.get_workspace_url()}submit/").status_code == 302
    own.refresh_from_db()
    assert own.status == PracticeStatus.SUBMITTED


def test_secretariat_drafts_for_any_member(as_role, representative):
    canada = Member.objects.get(iso_code="CA")
    client = as_role("secretariat")
    response = client.post(
        "/workspace/practices/new/",
        {
            "title": "Written by the secretariat",
            "summary": "A summary.",
            "member": canada.pk,
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    assert Practice.objects.get(title="Written by the secretariat").member == canada


def test_public_cannot_draft_edit_or_submit(client, make_practice, representative):
    practice = make_practice(representative)
    for url in ("/workspace/practices/new/", f"{practice.get_workspace_url()}edit/"):
        response = client.post(url, {"title": "Hijacked", "summary": "x", "visibility": "public"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/")
    response = client.post(f"{practice.get_workspace_url()}submit/")
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title != "Hijacked" and practice.status == PracticeStatus.DRAFT
    assert not Practice.objects.filter(title="Hijacked").exists()


def test_officials_cannot_write_in_another_members_name(
    client_for, representative, other_representative
):
    """The member is never a field for officials: a posted `member` is ignored."""
    canada = Member.objects.get(iso_code="CA")
    client = client_for(representative)
    response = client.post(
        "/workspace/practices/new/",
        {"title": "Posing as Canada", "summary": "x", "visibility": "public", "member": canada.pk},
    )
    assert response.status_code == 302
    assert Practice.objects.get(title="Posing as Canada").member.iso_code == "QA"
    # Nor name another member's officials as authors.
    response = client.post(
        "/workspace/practices/new/",
        {
            "title": "With a Canadian author",
            "summary": "x",
            "visibility": "public",
            "authors": [other_representative.pk],
        },
    )
    assert response.status_code == 400
    assert not Practice.objects.filter(title="With a Canadian author").exists()


# Row: edit another member's practice — only the secretariat.


@pytest.mark.parametrize("role", ["representative", "group_lead"])
def test_officials_cannot_edit_another_members_published_practice(
    role, as_role, make_practice, other_representative
):
    practice = make_practice(other_representative, status="published", visibility="public")
    client = as_role(role)
    url = practice.get_workspace_url()
    assert client.get(f"{url}edit/").status_code == 403
    assert client.post(f"{url}edit/", edit_data(practice, title="Hijacked")).status_code == 403
    assert client.get(f"{url}revisions/").status_code == 403
    practice.refresh_from_db()
    assert practice.title != "Hijacked"
    assert practice.revisions.count() == 1


@pytest.mark.parametrize("status", ["draft", "submitted", "returned"])
def test_guessing_the_address_of_another_members_unpublished_practice_finds_nothing(
    status, client_for, make_practice, representative, other_representative
):
    practice = make_practice(other_representative, status=status)
    practice.attachments.create(
        file=SimpleUploadedFile("plan.pdf", make_pdf()), content_type="application/pdf"
    )
    attachment = practice.attachments.get()
    client = client_for(representative)
    url = practice.get_workspace_url()
    assert client.get(url).status_code == 404
    assert client.get(f"{url}edit/").status_code == 404
    assert client.post(f"{url}edit/", edit_data(practice, title="Hijacked")).status_code == 404
    assert client.post(f"{url}submit/").status_code == 404
    assert client.post(f"{url}publish/").status_code == 404
    assert client.post(f"{url}return/", {"comment": "No."}).status_code == 404
    assert client.get(f"{url}revisions/").status_code == 404
    assert client.get(f"{url}files/{attachment.pk}/").status_code == 404
    assert client.get(f"/practices/{practice.slug}/files/{attachment.pk}/").status_code == 404
    practice.refresh_from_db()
    assert practice.title != "Hijacked"
    assert practice.status == status


def test_guessing_attachment_ids_of_another_practice(
    client_for, make_practice, representative, other_representative
):
    """An id of another practice's file, asked for under one's own practice, or posted
    for removal, is refused."""
    own = make_practice(representative, title="Own practice")
    other = make_practice(other_representative, title="Other practice")
    other.attachments.create(
        file=SimpleUploadedFile("plan.pdf", make_pdf()), content_type="application/pdf"
    )
    theirs = other.attachments.get()
    client = client_for(representative)
    assert client.get(f"{own.get_workspace_url()}files/{theirs.pk}/").status_code == 404
    response = client.post(
        f"{own.get_workspace_url()}edit/", edit_data(own, remove_attachments=[theirs.pk])
    )
    assert response.status_code == 400
    assert other.attachments.filter(pk=theirs.pk).exists()


def test_secretariat_edits_another_members_practice_and_may_move_it(
    client_for, make_practice, other_representative, secretariat
):
    practice = make_practice(other_representative)
    estonia = Member.objects.get(iso_code="EE")
    client = client_for(secretariat)
    assert client.get(f"{practice.get_workspace_url()}edit/").status_code == 200
    response = client.post(
        f"{practice.get_workspace_url()}edit/",
        edit_data(practice, summary="Edited by the secretariat.", member=practice.member_id),
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.summary == "Edited by the secretariat."
    # Its authors are Canadian: moving it to Estonia needs new authors.
    response = client.post(
        f"{practice.get_workspace_url()}edit/",
        edit_data(practice, member=estonia.pk, authors=[other_representative.pk]),
    )
    assert response.status_code == 400
    response = client.post(
        f"{practice.get_workspace_url()}edit/", edit_data(practice, member=estonia.pk)
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.member == estonia


def test_services_refuse_other_members_too(make_practice, representative, other_representative):
    from django.core.exceptions import PermissionDenied

    practice = make_practice(other_representative)
    with pytest.raises(PermissionDenied):
        services.practice_update(actor=representative, practice=practice, title="Hijacked")
    with pytest.raises(PermissionDenied):
        services.practice_submit(actor=representative, practice=practice)
    with pytest.raises(PermissionDenied):
        services.practice_create(
            actor=representative, member=other_representative.member, title="In their name"
        )


# Row: publish, moderate — only the secretariat.


@pytest.mark.parametrize("role", ["representative", "group_lead"])
def test_officials_cannot_publish_or_return_even_their_own(
    role, as_role, make_practice, representative
):
    practice = make_practice(representative, status="submitted")
    client = as_role(role)
    url = practice.get_workspace_url()
    assert f'action="{url}publish/"' not in client.get(url).content.decode()
    assert client.post(f"{url}publish/").status_code == 403
    assert client.get(f"{url}return/").status_code == 403
    assert client.post(f"{url}return/", {"comment": "No."}).status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED


def test_public_cannot_publish_or_return(client, make_practice, representative):
    practice = make_practice(representative, status="submitted")
    for action in ("publish", "return"):
        response = client.post(f"{practice.get_workspace_url()}{action}/", {"comment": "x"})
        assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED


def test_secretariat_publishes_and_returns(client_for, make_practice, representative, secretariat):
    first = make_practice(representative, title="First", status="submitted")
    second = make_practice(representative, title="Second", status="submitted")
    client = client_for(secretariat)
    assert client.post(f"{first.get_workspace_url()}publish/").status_code == 302
    assert client.get(f"{second.get_workspace_url()}return/").status_code == 200
    assert (
        client.post(f"{second.get_workspace_url()}return/", {"comment": "Add figures."}).status_code
        == 302
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == PracticeStatus.PUBLISHED
    assert second.status == PracticeStatus.RETURNED


def test_only_post_changes_anything(client_for, make_practice, representative, secretariat):
    practice = make_practice(representative, status="submitted")
    client = client_for(secretariat)
    assert client.get(f"{practice.get_workspace_url()}publish/").status_code == 405
    assert (
        client_for(representative).get(f"{practice.get_workspace_url()}submit/").status_code == 405
    )
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
