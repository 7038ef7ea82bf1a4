"""The SPEC's roles table, one test per cell: each action for the public, a
representative, a group lead and the secretariat, allowed or refused, by URL and by form
post. Detailed cases live beside each feature; this file is the table at a glance."""

import pytest

from forum.groups.models import GroupMembership, WorkingGroup
from forum.members.models import Member
from forum.practices.services import practice_create, practice_submit

pytestmark = pytest.mark.django_db

ROLES = ["public", "representative", "group_lead", "secretariat"]


@pytest.fixture
def as_role(client, verified_login, representative, group_lead, secretariat):
    """A client for a role of the table; the representative is Estonian and in no group,
    the group lead leads Data 360, the secretariat is verified with TOTP."""
    people = {
        "representative": representative,
        "group_lead": group_lead,
        "secretariat": secretariat,
    }

    def for_role(role):
        if role == "public":
            return client
        return verified_login(people[role])

    return for_role


@pytest.fixture
def canadian_practice(make_user):
    author = make_user("representative", member="CA")
    practice = practice_create(
        actor=author,
        member=Member.objects.get(iso_code="CA"),
        title="Canada's digital standards",
        summary="Ten standards for digital services.",
        problem="Services were built differently in every department.",
        approach="Ten shared standards, applied in every service review.",
        results="Reviews became faster and services more consistent.",
    )
    return practice_submit(actor=author, practice=practice)


def allowed(response):
    return (
        response.status_code in (200, 302)
        and "/accounts/sign-in/" not in response.get("Location", "")
        and "/accounts/two-factor" not in response.get("Location", "")
    )


# Row 1: read public content, API, feeds: everyone.
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url", ["/documents/dn-charter/", "/api/v1/documents/", "/feeds/documents/"]
)
def test_everyone_reads_public_content_the_api_and_feeds(as_role, role, url):
    assert as_role(role).get(url).status_code == 200


# Row 2: read members-only practices, questions, directory.
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("public", False),
        ("representative", True),
        ("group_lead", True),
        ("secretariat", True),
    ],
)
@pytest.mark.parametrize(
    "url", ["/workspace/practices/", "/workspace/questions/", "/workspace/directory/"]
)
def test_members_only_areas(as_role, role, expected, url):
    response = as_role(role).get(url)
    assert (response.status_code == 200) is expected
    if not expected:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/")


# Row 3: draft, edit, submit practices of their own member.
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("public", False),
        ("representative", True),
        ("group_lead", True),
        ("secretariat", True),
    ],
)
def test_drafting_a_practice_of_ones_own_member(as_role, role, expected):
    client = as_role(role)
    assert (client.get("/workspace/practices/new/").status_code == 200) is expected


# Row 4: edit another member's practice: only the secretariat.
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("public", False),
        ("representative", False),
        ("group_lead", False),
        ("secretariat", True),
    ],
)
def test_editing_another_members_practice(as_role, canadian_practice, role, expected):
    client = as_role(role)
    url = f"/workspace/practices/{canadian_practice.slug}/edit/"
    assert (client.get(url).status_code == 200) is expected
    response = client.post(url, {"title": "Taken over", "member": canadian_practice.member_id})
    canadian_practice.refresh_from_db()
    assert (canadian_practice.title == "Taken over") is (expected and response.status_code == 302)
    if not expected:
        assert canadian_practice.title == "Canada's digital standards"
        assert client.post(
            f"/workspace/practices/{canadian_practice.slug}/submit/"
        ).status_code in (302, 403, 404)
        canadian_practice.refresh_from_db()
        assert canadian_practice.status == "submitted"


# Row 5: group workspace: a representative only if in the group; the lead manages.
def test_group_workspace_by_role(as_role, representative):
    data_360 = "/workspace/groups/data-360/"
    assert as_role("public").get(data_360).status_code == 302
    assert as_role("representative").get(data_360).status_code in (403, 404)
    GroupMembership.objects.create(
        group=WorkingGroup.objects.get(slug="data-360"), user=representative
    )
    assert as_role("representative").get(data_360).status_code == 200
    assert as_role("representative").get(data_360 + "drafts/new/").status_code == 403
    assert as_role("group_lead").get(data_360 + "drafts/new/").status_code == 200
    assert as_role("secretariat").get(data_360 + "drafts/new/").status_code == 200


# Row 6: publish, moderate, invite, edit site content: only the secretariat.
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("public", False),
        ("representative", False),
        ("group_lead", False),
        ("secretariat", True),
    ],
)
def test_publishing_inviting_and_editing_the_site(as_role, canadian_practice, role, expected):
    client = as_role(role)
    assert allowed(client.get("/cms/")) is expected
    assert allowed(client.get("/cms/invitations/")) is expected
    client.post(f"/workspace/practices/{canadian_practice.slug}/publish/")
    canadian_practice.refresh_from_db()
    assert (canadian_practice.status == "published") is expected


# Row 7: the audit log: only the secretariat.
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("public", False),
        ("representative", False),
        ("group_lead", False),
        ("secretariat", True),
    ],
)
def test_reading_the_audit_log(as_role, role, expected):
    assert (as_role(role).get("/workspace/audit/").status_code == 200) is expected
