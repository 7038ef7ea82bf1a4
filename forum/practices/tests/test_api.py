import pytest

from forum.members.models import Member
from forum.practices.services import practice_create, practice_publish, practice_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_user, secretariat):
    author = make_user("representative", member="EE")

    def share(title, visibility):
        practice = practice_create(
            actor=author,
            member=Member.objects.get(iso_code="EE"),
            title=title,
            summary="Data asked once.",
            problem="Repeated forms.",
            approach="An exchange layer.",
            results="Shorter forms.",
            visibility=visibility,
        )
        practice_submit(actor=author, practice=practice)
        return practice_publish(actor=secretariat, practice=practice)

    return share


def test_the_api_lists_public_published_practices_only(client, published, make_user):
    public = published("Once-only principle in Estonia", "public")
    published("Members-only note on eID", "members")
    body = client.get("/api/v1/practices/").json()
    assert body["count"] == 1
    assert body["results"][0]["slug"] == public.slug
    assert body["results"][0]["member"] == "EE"
    assert client.get(f"/api/v1/practices/{public.slug}").json()["title"] == (
        "Once-only principle in Estonia"
    )
    assert client.get("/api/v1/practices/members-only-note-on-eid").status_code == 404


def test_practice_filters_have_the_page_names(client, published):
    published("Once-only principle in Estonia", "public")
    assert client.get("/api/v1/practices/?member=ee").json()["count"] == 1
    assert client.get("/api/v1/practices/?member=ca").json()["count"] == 0
    response = client.get("/api/v1/practices/?member=zz")
    assert response.status_code == 400
    assert "member" in response.json()["errors"]
