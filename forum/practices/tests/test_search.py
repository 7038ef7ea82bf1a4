"""Site search (/search/) finds published public practices, and nothing else of them."""

import pytest

pytestmark = pytest.mark.django_db


def test_site_search_finds_public_practices_only(client, make_practice, representative):
    make_practice(representative, title="Public kelp registry", status="published")
    make_practice(
        representative, title="Members kelp registry", status="published", visibility="members"
    )
    make_practice(representative, title="Draft kelp registry")
    make_practice(representative, title="Submitted kelp registry", status="submitted")
    response = client.get("/search/?q=kelp")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/practices/public-kelp-registry/"' in html
    for hidden in ("members-kelp-registry", "draft-kelp-registry", "submitted-kelp-registry"):
        assert hidden not in html
    response = client.get("/search/?q=kelp&kind=practices")
    assert response.status_code == 200
    assert response.context["selected"].count == 1


def test_returned_practices_leave_the_search(client, make_practice, representative, secretariat):
    from forum.practices import services

    practice = make_practice(representative, title="Kelp registry", status="published")
    services.practice_return(actor=secretariat, practice=practice, comment="Out of date.")
    assert "kelp-registry" not in client.get("/search/?q=kelp").content.decode()
