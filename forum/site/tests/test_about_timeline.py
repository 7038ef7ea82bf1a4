"""The forum's timeline on /about/: its names, each summit with its host, who joined when
and each version of the Charter, in date order, as an ordered list whose entries each
carry a <time datetime>; in every language, from the records alone."""

import datetime
import re
from html.parser import HTMLParser

import pytest

from forum.documents.models import DocumentVersion
from forum.members.models import Member
from forum.summits.models import Summit
from forum.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Timeline(HTMLParser):
    """The entries of <ol class="timeline">: each its kind, the datetime of its first
    <time>, its text and its links."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.entries = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and attrs.get("class") == "timeline":
            self.depth = 1
            return
        if not self.depth:
            return
        if tag in ("ol", "ul"):
            self.depth += 1
        elif tag == "li" and self.depth == 1:
            kind = attrs["class"].removeprefix("timeline-")
            self.entries.append({"kind": kind, "times": [], "text": "", "links": []})
        elif tag == "li":
            self.entries[-1]["text"] += " "
        if tag == "time":
            self.entries[-1]["times"].append(attrs["datetime"])
        elif tag == "a":
            self.entries[-1]["links"].append(attrs["href"])

    def handle_endtag(self, tag):
        if self.depth and tag in ("ol", "ul"):
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.entries:
            self.entries[-1]["text"] += data


def read(client, path) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200
    timeline = Timeline()
    timeline.feed(response.content.decode())
    for entry in timeline.entries:
        entry["text"] = " ".join(entry["text"].split())
    return timeline.entries


def in_date_order(entries) -> bool:
    """Each entry's date is not before the one above it, compared as far as both are
    known (2014-12 and 2014-12-09 are the same month)."""
    for above, below in zip(entries, entries[1:], strict=False):
        a, b = above["times"][0], below["times"][0]
        common = min(len(a), len(b))
        if a[:common] > b[:common]:
            return False
    return True


def test_every_entry_has_a_time_and_the_entries_are_in_date_order(client):
    entries = read(client, "/about/")
    assert entries
    for entry in entries:
        assert entry["times"] and all(DATETIME.match(t) for t in entry["times"]), entry
    assert in_date_order(entries)


def test_the_story_in_english(client):
    entries = read(client, "/about/")
    story = [(entry["kind"], entry["times"][0], entry["text"]) for entry in entries[:8]]
    assert story == [
        (
            "summit",
            "2014-12-09",
            "9 December 2014 – 10 December 2014 D5 Ministerial Summit 2014 · London · "
            "Hosted by United Kingdom",
        ),
        (
            "joined",
            "2014-12",
            "December 2014 5 founding members Estonia Israel New Zealand Republic of Korea "
            "United Kingdom",
        ),
        ("charter", "2014-12", "December 2014 D5 Charter · Version 1"),
        ("name", "2014-12", story[3][2]),
        ("summit", "2015-11-19", story[4][2]),
        ("summit", "2016-11-10", story[5][2]),
        ("summit", "2018-02-21", story[6][2]),
        ("joined", "2018-02", "February 2018 2 new members Canada Uruguay"),
    ]
    assert story[3][2].startswith("December 2014 Digital 5 (D5) December 2014 to February 2018")
    assert "Hosted by Estonia" in story[4][2]


def test_the_names_in_order(client):
    entries = read(client, "/about/")
    names = [entry for entry in entries if entry["kind"] == "name"]
    assert [entry["times"][0] for entry in names] == ["2014-12", "2018-02", "2018-11", "2019-11"]
    for entry, name in zip(
        names,
        ["Digital 5 (D5)", "Digital 7 (D7)", "Digital 9 (D9)", "Digital Nations (DN)"],
        strict=True,
    ):
        assert name in entry["text"]


def test_each_summit_with_its_host(client):
    entries = read(client, "/about/")
    summits = [entry for entry in entries if entry["kind"] == "summit"]
    records = Summit.objects.select_related("host").order_by("number")
    assert len(summits) == len(records) == 10
    for entry, summit in zip(summits, records, strict=True):
        assert entry["links"] == [summit.get_absolute_url()]
        assert f"{summit.label} {summit.year}" in entry["text"]
        assert f"Hosted by {summit.host.name}" in entry["text"]
    assert summits[-1]["times"] == ["2023"]  # no dates recorded: the year alone


def test_each_member_joining(client):
    entries = read(client, "/about/")
    joined = [entry for entry in entries if entry["kind"] == "joined"]
    links = [link for entry in joined for link in entry["links"]]
    assert sorted(links) == sorted(m.get_absolute_url() for m in Member.objects.all())
    assert [entry["times"][0] for entry in joined] == ["2014-12", "2018-02", "2018-11", "2019-11"]
    assert "Denmark" in joined[-1]["text"]


def test_each_charter_version(client):
    entries = read(client, "/about/")
    charters = [entry for entry in entries if entry["kind"] == "charter"]
    versions = DocumentVersion.objects.filter(document__slug="dn-charter").order_by("number")
    assert len(charters) == len(versions) == 5
    for entry, version in zip(charters, versions, strict=True):
        assert entry["links"] == [version.get_absolute_url()]
        assert version.title in entry["text"]
        assert f"Version {version.number}" in entry["text"]
        assert entry["times"] == [version.date.strftime("%Y-%m")]


def test_the_story_in_french(client):
    entries = read(client, "/fr/about/")
    assert in_date_order(entries)
    texts = [entry["text"] for entry in entries]
    assert texts[0].startswith("9 décembre 2014 – 10 décembre 2014 Sommet ministériel D5 2014")
    assert "Royaume-Uni" in texts[0]
    for member in ("Estonie", "Israël", "Nouvelle-Zélande", "République de Corée", "Royaume-Uni"):
        assert member in texts[1]
    assert texts[2].startswith("décembre 2014 Charte du D5")
    assert "Digital 5 (D5)" in texts[3]
    assert entries[1]["links"][0] == "/fr/members/ee/"
    joined = " ".join(entry["text"] for entry in entries if entry["kind"] == "joined")
    for member in ("Canada", "Uruguay", "Mexique", "Portugal", "Danemark"):
        assert member in joined


def test_the_timeline_leaves_no_part_of_the_french_page_untranslated(client):
    html = client.get("/fr/about/").content.decode()
    assert "translation-notice" not in html.replace("<!-- translation-notice -->", "")


def test_a_member_that_joined_on_a_day_of_its_own_has_its_own_entry(client):
    MemberFactory(
        iso_code="XZ", name="Testland", joined_year=2024, joined_on=datetime.date(2024, 3, 5)
    )
    entries = read(client, "/about/")
    assert entries[-1]["kind"] == "joined"
    assert entries[-1]["times"] == ["2024-03-05"]
    assert entries[-1]["text"] == "5 March 2024 1 new member Testland"


def test_the_page_is_kept_after_its_first_render(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):  # the timeline read once per content version
        client.get("/about/")
    with django_assert_max_num_queries(10):
        client.get("/about/")
