"""The charts of /documents/: documents by year and by type, from the list's facet
counts, each bar a link to the list filtered by it, the numbers also as a table."""

import html as entities
import re

import pytest

from forum.documents.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db


def chart(html: str, chart_id: str) -> str:
    match = re.search(
        rf'<figure class="chart" aria-labelledby="{chart_id}">(.*?)</figure>', html, re.S
    )
    assert match, f"no chart {chart_id}"
    return match.group(1)


def bars(figure: str) -> list[tuple[str, str, str]]:
    """(href, label, number in words) of each bar."""
    found = re.findall(
        r'<li class="bar-row"><span class="bar-label"><a href="([^"]*)"[^>]*>([^<]*)</a></span>'
        r'<svg[^>]*>.*?</svg><span class="bar-value">([^<]*)</span></li>',
        figure,
    )
    return [(entities.unescape(href), label, words) for href, label, words in found]


def table(figure: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td></tr>', figure)


def test_documents_by_year_count_each_year_of_a_version(client):
    html = client.get("/documents/").content.decode()
    years = chart(html, "chart-years")
    assert '<h2 id="chart-years">Documents by year</h2>' in years
    expected = {}
    for year in DocumentVersion.objects.values_list("year", flat=True).distinct():
        expected[str(year)] = Document.objects.filter(versions__year=year).distinct().count()
    shown = bars(years)
    assert [label for _href, label, _n in shown] == sorted(expected)  # oldest first
    for href, label, words in shown:
        assert href == f"?year={label}"
        count = expected[label]
        assert words == (f"{count} document" if count == 1 else f"{count} documents")
    assert table(years) == [(year, str(n)) for year, n in sorted(expected.items())]
    # The D5 Charter of 2014; in 2021 the Charter's fifth version, the communiqué and the
    # declaration on sustainable digital government.
    assert expected["2014"] == 1 and expected["2021"] == 3
    assert "A document with versions of several years counts in each of them." in years
    everything = chart(html, "chart-types")
    assert f"{Document.objects.count()} documents in all." in everything


def test_documents_by_type_and_the_filters_kept_by_each_bar(client):
    html = client.get("/documents/?member=ee&type=declaration").content.decode()
    types = chart(html, "chart-types")
    signed = Document.objects.filter(signatures__member__iso_code="EE").distinct()
    shown = {label: (href, words) for href, label, words in bars(types)}
    declarations = signed.filter(type="declaration").count()
    assert shown["Declaration"] == (
        "?member=ee&type=declaration",
        f"{declarations} documents",
    )
    assert 'href="?member=ee&amp;type=declaration" aria-current="true">Declaration' in types
    assert shown["Charter"][0] == "?member=ee&type=charter"
    assert "How many of the documents found are of each type." in types
    # The type bars add up to the documents found with the other filters (Estonia's).
    assert f"{signed.count()} documents in all." in types
    years = chart(html, "chart-years")
    assert all(href.startswith("?member=ee&type=declaration&year=") for href, _l, _w in bars(years))


def test_a_bar_is_as_long_as_its_share_of_the_largest(client):
    html = client.get("/documents/").content.decode()
    widths = [
        (label, float(width))
        for label, width in re.findall(
            r'<span class="bar-label"><a [^>]*>([^<]*)</a></span><svg[^>]*><rect width="([^"]+)"',
            chart(html, "chart-types"),
        )
    ]
    counts = dict(table(chart(html, "chart-types")))
    largest = max(int(n) for n in counts.values())
    assert max(width for _label, width in widths) == 100.0
    for label, width in widths:
        assert width == round(100 * int(counts[label]) / largest, 1)


def test_no_chart_when_nothing_is_found_and_widths_stay_numbers_in_french(client):
    html = client.get("/documents/?q=Zanzibarian").content.decode()
    assert '<figure class="chart"' not in html
    french = client.get("/fr/documents/").content.decode()
    assert re.findall(r'<rect width="(\d+\.\d)"', french)  # never "66,7"
    assert "Documents par année" in french
