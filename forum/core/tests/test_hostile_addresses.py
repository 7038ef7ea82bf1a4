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
