import pytest

pytestmark = pytest.mark.django_db


def test_summits_are_listed_newest_first(client):
    response = client.get("/summits/")
    summits = list(response.context["summits"])
    assert [s.number for s in summits] == list(range(10, 0, -1))
    html = response.content.decode()
    assert html.index("2022-seoul") < html.index("2014-london")


def test_2022_summit_shows_chair_theme_host_and_outcomes(client):
    response = client.get("/summits/2022-seoul/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lee Sang-min" in html
    assert "Minister of the Interior and Safety (Republic of Korea)" in html
    assert "Agile and Active Digital Governance" in html
    assert 'href="/members/kr/"' in html
    assert "1 November 2022" in html and "3 November 2022" in html
    assert "New Digital Governance thematic group, proposed by Korea, approved." in html
    assert 'href="/documents/dn-communique-2022/"' in html
    assert 'href="/working-groups/digital-governance/"' in html


def test_online_summit_says_so_and_where_it_was_planned(client):
    html = client.get("/summits/2020-canada/").content.decode()
    assert "Held online" in html
    assert "planned for Ottawa" in html
    assert "2 November 2020" in html  # the dates as recorded, though sources differ
    assert "Sources differ" not in html


def test_summit_where_new_members_joined_lists_them(client):
    html = client.get("/summits/2018-wellington/").content.decode()
    assert 'href="/members/ca/"' in html and 'href="/members/uy/"' in html
