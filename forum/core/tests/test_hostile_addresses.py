"""Links the site builds from the address asked for never point to another host."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["//evil.example/x/", "///evil.example/x/", "/fr//evil.example/"])
def test_a_path_starting_with_two_slashes_links_to_no_other_host(client, path):
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    html = response.content.decode()
    links = re.findall(r'(?:href|action|content)="([^"]*)"', html)
    assert links, "the page links somewhere"
    for link in links:
        assert not link.startswith("//"), link
        if link.startswith(("http://", "https://")):
            assert link.split("/")[2] == "testserver", link


@pytest.mark.parametrize(
    "path", ["/workspace/", "/workspace/practices/", "/accounts/", "/fr/accounts/sign-in/"]
)
def test_pages_for_signed_in_people_are_never_stored(client, representative, path):
    client.force_login(representative)
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
