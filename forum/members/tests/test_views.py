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


def test_a_members_page_charts_what_it_signed_year_by_year(client):
    """Estonia's page: the documents it signed a version of, per year of the version,
    each bar the documents list filtered by Estonia and that year, and a table."""
    import html as entities
    import re

    from django.db.models.functions import Coalesce, ExtractYear

    from forum.documents.models import Signature

    html = client.get("/members/ee/").content.decode()
    figure = html[html.index('<figure class="chart" aria-labelledby="chart-signed">') :]
    figure = figure[: figure.index("</figure>")]
    signed = {}
    rows = Signature.objects.filter(member__iso_code="EE").annotate(
        year=Coalesce("version__year", ExtractYear("document__date"))
    )
    for year, document in rows.values_list("year", "document").distinct():
        signed.setdefault(year, set()).add(document)
    shown = re.findall(
        r'<li class="bar-row"><span class="bar-label"><a href="([^"]*)">(\d+)</a></span>'
        r'<svg[^>]*>.*?</svg><span class="bar-value">([^<]*)</span>',
        figure,
    )
    assert [int(year) for _href, year, _words in shown] == sorted(signed)
    for href, year, words in shown:
        assert entities.unescape(href) == f"/documents/?member=ee&year={year}"
        n = len(signed[int(year)])
        assert words == (f"{n} document" if n == 1 else f"{n} documents")
    rows = re.findall(r'<tr><th scope="row">(\d+)</th><td>(\d+)</td></tr>', figure)
    assert rows == [(str(year), str(len(docs))) for year, docs in sorted(signed.items())]
    assert 'aria-labelledby="chart-shared"' not in html  # no practice shared publicly yet
