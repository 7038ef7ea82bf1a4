"""Documents tell the truth about their text: where the site holds only the secretariat's
summary, the page says so and says where the official text is; only an official text is
called authoritative, given a checksum and compared word by word; what members do not
commit to is published, not in force; another's publication is cited as theirs."""

import datetime
import json
import re

import pytest

from forum.documents.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db

CANADA_CHARTER = (
    "https://www.canada.ca/en/government/system/digital-government/"
    "improving-digital-services/digital-nations-charter.html"
)


def main_content(html: str) -> str:
    return html[html.index("<h1>") :]


def test_where_the_official_text_is_comes_first_as_the_main_action(client):
    html = main_content(client.get("/documents/dn-charter/").content.decode())
    official = html.index('<h2 id="official-text">Where the official text is</h2>')
    assert official < html.index('class="lead"') < html.index("The secretariat's summary</h2>")
    box = html[official : html.index("</section>", official)]
    assert f'<a class="button" href="{CANADA_CHARTER}" hreflang="en">' in box
    assert "Read the official text, published by Government of Canada" in box
    assert "<dt>Publisher</dt><dd>Government of Canada</dd>" in box
    assert "<dt>Language</dt><dd>English</dd>" in box
    assert "<dt>Format</dt><dd>web page</dd>" in box
    assert "does not hold the official text" in box


@pytest.mark.parametrize(
    ("slug", "publisher", "address"),
    [
        (
            "busan-declaration-2016",
            "Government of Canada",
            "https://www.canada.ca/en/government/system/digital-government/digital-nations/"
            "busan-declaration-digital-5-governments.html",
        ),
        (
            "data-360-declaration-2019",
            "Government of the United Kingdom",
            "https://gov.uk/government/publications/digital-nations-data-360-declaration/"
            "fa7c0825-9a40-4175-857e-3e1b5ae7675e",
        ),
        (
            "dn-sustainable-digital-government-2021",
            "Government of Canada",
            "https://www.canada.ca/en/government/system/digital-government/digital-nations/"
            "digital-nations-shared-approach-sustainable-digital-government.html",
        ),
    ],
)
def test_the_official_address_the_data_gives_is_linked(client, slug, publisher, address):
    html = client.get(f"/documents/{slug}/").content.decode()
    assert f'<a class="button" href="{address}" hreflang="en">' in html
    assert f"<dd>{publisher}</dd>" in html


def test_where_no_source_gives_the_official_text_the_page_says_so(client):
    html = client.get("/documents/dn-communique-2022/").content.decode()
    assert "Where the official text is" in html
    assert "No source gives where the official text is published." in html
    assert 'class="button" href="http' not in html


def test_the_summary_is_the_secretariats_and_nothing_is_called_authoritative(client):
    for slug in Document.objects.values_list("slug", flat=True):
        html = client.get(f"/documents/{slug}/").content.decode()
        assert "The secretariat's summary</h2>" in html, slug
        assert ">Summary</h2>" not in html, slug
        assert "authoritative" not in html and "courtesy translation" not in html, slug
        assert 'class="checksum"' not in html, slug


def test_a_version_page_shows_its_own_summary_and_where_its_text_is(client):
    html = main_content(client.get("/documents/dn-charter/versions/3/").content.decode())
    assert "Where the official text is" in html
    assert "Charter version marking the entry of Mexico and Portugal" in html
    assert "Current charter." not in html  # the 2021 summary belongs to version 5


def test_an_official_text_is_held_and_needs_no_pointer(client, official_document):
    html = client.get("/documents/test-declaration/").content.decode()
    assert "Where the official text is" not in html
    assert "Text of the current version" in html
    assert "The English text is the authoritative (signed) text." in html
    assert 'class="checksum"' in html
    assert ">PDF of the current version</a>" in html


# Comparison --------------------------------------------------------------------------------


def test_comparing_with_a_version_that_holds_no_text_shows_no_counts(client):
    response = client.get("/documents/dn-charter/compare/?from=2&to=3")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This site holds no text of version 3 (D9 Charter)." in html
    assert "There is nothing to compare" in html
    assert "paragraphs added" not in html and "unchanged" not in html
    assert '<ol class="diff">' not in html
    assert response.context["blocks"] == []


def test_the_default_comparison_of_the_charter_holds_no_counts(client):
    # Versions 4 (2020) and 5: the 2020 wording is not known.
    html = client.get("/documents/dn-charter/compare/").content.decode()
    assert "This site holds no text of version 4" in html
    assert "paragraphs added" not in html


def test_a_comparison_of_summaries_says_so(client):
    response = client.get("/documents/dn-charter/compare/?from=1&to=5")
    html = response.content.decode()
    label = "This is a comparison of the secretariat's summaries, not of the official texts."
    # Said right under the heading, before the choice of versions.
    assert html.index("</h1>") < html.index(label) < html.index('<form method="get"')
    assert "Summaries compared: 5 paragraphs added, 4 removed, 5 changed" in html
    assert response.context["of_summaries"] is True


def test_two_official_texts_are_compared_as_texts(client, official_document):
    response = client.get("/documents/test-declaration/compare/?from=1&to=2")
    html = response.content.decode()
    assert "<h1>Compare versions of the Test Declaration</h1>" in html
    assert "summaries" not in html
    assert "1 paragraphs added, 1 removed, 1 changed and 0 unchanged." in html


def test_an_official_text_is_not_compared_with_a_summary(client, official_document):
    DocumentVersion.objects.filter(document=official_document, number=1).update(text_kind="summary")
    html = client.get("/documents/test-declaration/compare/?from=1&to=2").content.decode()
    assert "a summary is not compared with an official text" in html
    assert "paragraphs added" not in html
    version = client.get("/documents/test-declaration/versions/2/").content.decode()
    assert "compare/?from=1" not in version


# Status and type ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["dn-communique-2021", "dn-communique-2022"])
def test_a_communique_is_published_not_in_force(client, slug):
    html = client.get(f"/documents/{slug}/").content.decode()
    assert "Communiqué · <time" in html and "· Published" in html
    assert "In force" not in html
    data = json.loads(re.search(r'type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["creativeWorkStatus"] == "Published"


def test_what_binds_is_in_force():
    statuses = dict(Document.objects.values_list("slug", "status"))
    assert statuses["dn-charter"] == "in_force"
    assert statuses["busan-declaration-2016"] == "in_force"
    assert statuses["d9-ai-shared-approach-2018"] == "in_force"
    assert statuses["dn-communique-2021"] == "published"
    assert statuses["bennett-digital-minilateralism-2020"] == "published"


def test_in_force_and_published_follow_the_type():
    communique = Document(
        slug="c", title="C", type="communique", date=datetime.date(2024, 1, 1), status="in_force"
    )
    communique.clean()
    assert communique.status == "published"
    charter = Document(
        slug="d", title="D", type="charter", date=datetime.date(2024, 1, 1), status="published"
    )
    charter.clean()
    assert charter.status == "in_force"
    charter.status = "withdrawn"
    charter.clean()
    assert charter.status == "withdrawn"


def test_the_cambridge_paper_is_an_external_publication_cited_as_its_authors(client):
    paper = Document.objects.get(slug="bennett-digital-minilateralism-2020")
    assert paper.type == "external"
    html = client.get("/documents/bennett-digital-minilateralism-2020/").content.decode()
    assert "External publication · <time" in html
    assert "<dt>Authors</dt><dd>Tanya Filer and Antonio Weiss</dd>" in html
    publisher = "Bennett Institute for Public Policy, University of Cambridge"
    assert f"<dt>Publisher</dt><dd>{publisher}</dd>" in html
    cite = re.search(r'<p class="cite">(.*?)</p>', html, re.S)[1]
    assert cite.startswith(
        "Tanya Filer and Antonio Weiss (2020). Digital Minilateralism: How governments "
        f"cooperate on digital governance. {publisher}."
    )
    assert "Digital Nations (2020)" not in html
    data = json.loads(re.search(r'type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["publisher"]["name"] == publisher
    assert data["author"]["name"] == "Tanya Filer and Antonio Weiss"


def test_the_external_type_is_a_filter(client):
    html = client.get("/documents/").content.decode()
    assert '<option value="external">External publication (1)</option>' in html
