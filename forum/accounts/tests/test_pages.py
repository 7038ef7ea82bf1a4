import re

import pytest

from forum.accounts import services
from forum.accounts.models import Role
from forum.members.models import Member

from .helpers import h1s

pytestmark = pytest.mark.django_db


def labelled(html):
    """Every visible input, select and textarea has a <label for=...>."""
    fields = r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"'
    ids = re.findall(fields, html)
    return ids and all(f'for="{name}"' in html for name in ids)


def test_the_account_page_says_who_you_are(login, group_lead):
    response = login(group_lead).get("/accounts/")
    html = response.content.decode()
    assert response.status_code == 200
    assert h1s(response) == ["Your account"]
    for text in (
        group_lead.get_full_name(),
        group_lead.email,
        "Group lead",
        "Testland",
        "Test group",
    ):
        assert text in html, text
    assert "Two-factor authentication" in html and "Off." in html
    assert 'action="/accounts/sign-out/"' in html


def test_the_account_page_needs_sign_in(client):
    response = client.get("/accounts/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/accounts/"


@pytest.mark.parametrize(
    "path",
    ["/accounts/sign-in/", "/accounts/password-reset/", "/accounts/password-reset/sent/"],
)
def test_public_account_pages_have_one_h1_and_labels(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert len(h1s(response)) == 1
    html = response.content.decode()
    assert "<script" not in html
    if "<form" in html and "account-form" in html:
        assert labelled(html)


def test_signed_in_pages_have_one_h1_and_labels(login, representative):
    client = login(representative)
    for path in ("/accounts/", "/accounts/password/", "/accounts/two-factor/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert len(h1s(response)) == 1, path
        assert labelled(response.content.decode()) or path == "/accounts/", path


def test_the_invitation_page_has_labels(client):
    _, path = services.invitation_create(
        email="x@example.ee", role=Role.REPRESENTATIVE, member=Member.objects.get(iso_code="EE")
    )
    response = client.get(path)
    assert len(h1s(response)) == 1 and labelled(response.content.decode())
