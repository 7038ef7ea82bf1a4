import re

import pytest

pytestmark = pytest.mark.django_db


def slugs(response):
    return [d.slug for d in response.context["page"].object_list]


def option(html, name, value):
    """The label of one option of a filter select, count included."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)[0]
    return re.search(rf'<option value="{value}"[^>]*>([^<]*)</option>', select)[1]


def test_every_document_newest_first_by_default(client):
    response = client.get("/documents/")
    assert slugs(response) == [
        "dn-communique-2022",
        "dn-charter",
        "dn-communique-2021",
        "dn-sustainable-digital-government-2021",
        "bennett-digital-minilateralism-2020",
        "data-360-declaration-2019",
        "d9-ai-shared-approach-2018",
        "busan-declaration-2016",
    ]


def test_oldest_first_is_by_the_first_version(client):
    response = client.get("/documents/?sort=oldest")
    # The Charter's first version is the D5 Charter of December 2014.
    assert slugs(response)[:2] == ["dn-charter", "busan-declaration-2016"]
    html = response.content.decode()
    assert html.index(">December 2014</time></h2>") < html.index(">November 2016</time></h2>")
    assert "first version December 2014" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=charter", ["dn-charter"]),
        (
            "type=declaration",
            [
                "dn-sustainable-digital-government-2021",
                "data-360-declaration-2019",
                "busan-declaration-2016",
            ],
        ),
        ("year=2014", ["dn-charter"]),  # the Charter's first version
        ("year=2019", ["data-360-declaration-2019"]),
        (
            "member=uy",
            [
                "dn-charter",
                "dn-communique-2021",
                "dn-sustainable-digital-government-2021",
                "data-360-declaration-2019",
            ],
        ),
        ("member=dk&type=declaration", ["dn-sustainable-digital-government-2021"]),
        ("group=data-360", ["data-360-declaration-2019"]),
        ("group=artificial-intelligence&year=2018", ["d9-ai-shared-approach-2018"]),
        ("summit=2018-jerusalem", ["dn-charter", "d9-ai-shared-approach-2018"]),
        ("summit=2021-united-kingdom&type=communique", ["dn-communique-2021"]),
        ("principle=sustainability", ["dn-charter", "dn-sustainable-digital-government-2021"]),
        ("principle=teaching-children-to-code", ["dn-charter"]),
        ("status=published&type=external", ["bennett-digital-minilateralism-2020"]),
        ("status=in_force&type=communique", []),
        ("sort=oldest&year=2018", ["dn-charter", "d9-ai-shared-approach-2018"]),
        ("q=Busan", ["busan-declaration-2016"]),
        ("q=Data+360", ["data-360-declaration-2019"]),
        ("q=minilateral", ["bennett-digital-minilateralism-2020"]),
        ("q=Busan&type=charter", []),
    ],
)
def test_filters_and_their_combinations(client, query, expected):
    response = client.get(f"/documents/?{query}")
    assert response.status_code == 200
    assert slugs(response) == expected


def test_counts_beside_each_filter_value(client):
    html = client.get("/documents/").content.decode()
    assert option(html, "type", "declaration") == "Declaration (3)"
    assert option(html, "type", "charter") == "Charter (1)"
    assert option(html, "year", "2018") == "2018 (2)"
    assert option(html, "member", "ee") == "Estonia (5)"
    assert option(html, "group", "data-360") == "Data 360 (1)"


def test_a_facet_is_counted_with_the_other_filters_applied(client):
    html = client.get("/documents/?member=dk&type=declaration").content.decode()
    assert option(html, "type", "declaration") == "Declaration (1)"
    assert option(html, "type", "charter") == "Charter (1)"  # Denmark signed the Charter
    assert option(html, "member", "ee") == "Estonia (3)"  # declarations Estonia signed


def test_relevance_sort_needs_words(client):
    response = client.get("/documents/?q=Charter&sort=relevance")
    assert response.status_code == 200
    assert slugs(response)[0] == "dn-charter"
    assert client.get("/documents/?sort=relevance").status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Enter a whole number."),
        ("member=zz", "There is no member with the code “ZZ”."),
        ("type=poem", "Select a valid choice."),
        ("group=quantum", "There is no working group “quantum”."),
        ("q=" + "x" * 201, "Ensure this value has at most 200 characters"),
    ],
)
def test_bad_filters_get_a_clear_message_and_keep_the_form(client, query, message):
    response = client.get(f"/documents/?{query}&q2=kept")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem with the filters" in html
    assert message in html


def test_empty_result_says_what_to_try(client):
    response = client.get("/documents/?q=Busan&type=charter")
    html = response.content.decode()
    assert "0 documents" in html
    assert "No documents match" in html
    assert "remove a filter" in html
    assert 'value="Busan"' in html  # what was typed is kept


def test_pagination_keeps_the_filters(client):
    from forum.documents.tests.test_views import add_documents

    add_documents(60)
    response = client.get("/documents/?type=report")
    assert response.context["page"].paginator.num_pages == 3
    html = response.content.decode()
    assert 'href="?type=report&amp;page=2"' in html
    page3 = client.get("/documents/?type=report&page=3")
    assert len(page3.context["page"].object_list) == 12  # 52 reports (the paper is external)
    assert client.get("/documents/?type=report&page=99").context["page"].number == 3


def test_the_list_links_its_atom_feed_with_the_filters(client):
    html = client.get("/documents/?type=charter").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Key documents (Atom feed)" href="/feeds/documents/?type=charter">' in html
    )


def test_a_chosen_filter_that_matches_nothing_keeps_its_label(client):
    html = client.get("/fr/documents/?q=Busan&type=charter").content.decode()
    assert '<option value="charter" selected>Charte (0)</option>' in html


def test_a_kept_page_of_results_links_to_pages_of_the_address_asked(client):
    """The page of results is kept per filter set: its pagination is not, so the links
    keep what each address holds (here a campaign tag), and nothing of another's."""
    from forum.documents.tests.test_views import add_documents

    add_documents(60)
    first = client.get("/documents/?type=report&utm_source=letter").content.decode()
    assert 'href="?type=report&amp;utm_source=letter&amp;page=2"' in first
    second = client.get("/documents/?type=report").content.decode()
    assert 'href="?type=report&amp;page=2"' in second
    assert "utm_source" not in second
    # Both lists are the same: the second was rendered from the first's kept fragment.
    assert first.count('class="item"') == second.count('class="item"') == 20


def test_a_list_filtered_by_year_says_which_version_matched(client):
    html = client.get("/documents/?year=2014").content.decode()
    assert (
        'Matches <a href="/documents/dn-charter/versions/1/">version 1</a>, December 2014.' in html
    )
    html = client.get("/documents/?year=2018").content.decode()
    assert (
        'Matches <a href="/documents/dn-charter/versions/2/">version 2</a> to version 3, '
        "February 2018 to November 2018." in html
    )
    assert (
        'Matches <a href="/documents/d9-ai-shared-approach-2018/versions/1/">version 1</a>, '
        "November 2018." in html
    )


def test_a_list_filtered_by_summit_says_which_version_matched(client):
    html = client.get("/documents/?summit=2018-jerusalem&sort=oldest").content.decode()
    assert (
        'Matches <a href="/documents/dn-charter/versions/3/">version 3</a>, November 2018.' in html
    )
    # In order of relevance too.
    html = client.get("/documents/?summit=2014-london&q=Charter&sort=relevance").content.decode()
    assert (
        'Matches <a href="/documents/dn-charter/versions/1/">version 1</a>, December 2014.' in html
    )


def test_an_unfiltered_list_names_no_version(client):
    assert "Matches <a" not in client.get("/documents/").content.decode()
    assert "Matches <a" not in client.get("/documents/?type=charter").content.decode()


def test_the_first_versions_date_is_kept_when_versions_are_saved_or_deleted():
    import datetime

    from forum.documents.models import Document, DocumentVersion

    charter = Document.objects.get(slug="dn-charter")
    assert charter.first_date == datetime.date(2014, 12, 1)
    older = DocumentVersion.objects.create(
        document=charter, number=6, title="Older", date=datetime.date(2010, 1, 1)
    )
    assert Document.objects.get(pk=charter.pk).first_date == datetime.date(2010, 1, 1)
    charter.save()  # with what it held in memory: the versions still decide
    assert Document.objects.get(pk=charter.pk).first_date == datetime.date(2010, 1, 1)
    older.delete()
    assert Document.objects.get(pk=charter.pk).first_date == datetime.date(2014, 12, 1)


def test_a_versions_own_summary_is_searched(client):
    # Only the 2020 Charter's summary speaks of the pandemic.
    assert slugs(client.get("/documents/?q=pandemic")) == ["dn-charter"]
