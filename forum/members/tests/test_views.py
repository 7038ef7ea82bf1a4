import pytest

pytestmark = pytest.mark.django_db


def test_member_list_shows_the_ten_members_with_founding_and_joined(client):
    response = client.get("/members/")
    members = list(response.context["members"])
    assert len(members) == 10
    assert {m.iso_code for m in members if m.founding} == {"GB", "EE", "IL", "KR", "NZ"}
    html = response.content.decode()
    assert "Digital Nations has 10 member governments." in html
    assert "Treasury Board of Canada Secretariat" in html
    assert 'href="/members/dk/"' in html


def test_member_page_shows_body_joining_hosting_groups_and_signatures(client):
    response = client.get("/members/ee/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Estonia</h1>" in html
    assert "Ministry of Economic Affairs and Communications of the Republic of Estonia" in html
    assert 'href="/summits/2014-london/"' in html  # joined at the founding summit
    assert 'href="/summits/2015-tallinn/"' in html  # hosted
    assert 'href="/working-groups/data-360/"' in html  # leads Data 360
    assert 'href="/documents/dn-charter/versions/1/"' in html  # signed the D5 Charter
    assert 'href="/documents/data-360-declaration-2019/"' in html


def test_canada_shows_its_signature_of_the_d7_charter_once(client):
    html = client.get("/members/ca/").content.decode()
    assert html.count("Joyce Murray, Parliamentary Secretary") == 1
    assert "22 February 2018" in html


def test_upper_case_code_redirects_to_the_canonical_address(client):
    response = client.get("/members/EE/")
    assert response.status_code == 301
    assert response["Location"] == "/members/ee/"


def test_member_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/members/gb/")
