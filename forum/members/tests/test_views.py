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


def test_member_list_is_in_the_order_they_joined_by_date_then_name(client):
    """The five founders (London, December 2014), then Canada and Uruguay (Wellington,
    February 2018), Mexico and Portugal (Jerusalem, November 2018), then Denmark (2019):
    by the summit's date, then by name, never by year and name alone."""
    response = client.get("/members/")
    assert [m.iso_code for m in response.context["members"]] == [
        "EE", "IL", "NZ", "KR", "GB", "CA", "UY", "MX", "PT", "DK",
    ]  # fmt: skip
    html = response.content.decode()
    assert html.index("/members/ca/") < html.index("/members/uy/") < html.index("/members/mx/")


def test_member_table_scrolls_in_a_labelled_region_on_narrow_screens(client):
    html = client.get("/members/").content.decode()
    assert (
        '<div class="table-scroll" role="region" aria-labelledby="members-caption" tabindex="0">'
        in html
    )
    assert '<caption id="members-caption"' in html
