"""The members map on /members/: the world as inline SVG, each member a link named by its
translated name, the other countries one muted path hidden from assistive technology;
nothing from another host, light and cheap to render."""

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command

from forum.members import world_map
from forum.members.management.commands import build_world_map
from forum.members.models import Member
from forum.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

MEMBERS = ["EE", "IL", "NZ", "KR", "GB", "CA", "UY", "MX", "PT", "DK"]  # in joining order
HEBREW = {"EE": "אסטוניה", "GB": "הממלכה המאוחדת", "DK": "דנמרק"}
BUDGET = 60 * 1024  # bytes, the page with its stylesheet, compressed


class Svg(HTMLParser):
    """The map: its attributes, its title, its links (address and name) and what else
    it draws."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.svg, self.title, self.links, self.shapes, self.tags = {}, None, [], [], []
        self._in, self._link = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "members-map" in attrs.get("class", ""):
            self.depth, self.svg = 1, attrs
            return
        if not self.depth:
            return
        self.tags.append(tag)
        if tag == "a":
            self._link = {"href": attrs.get("href"), "name": "", "shapes": 0}
            self.links.append(self._link)
        elif tag == "title":
            self._in = "link" if self._link else "svg"
            if self._in == "svg":
                self.title = {"id": attrs.get("id"), "text": ""}
        elif tag in ("path", "circle"):
            if self._link:
                self._link["shapes"] += 1
            else:
                self.shapes.append(attrs)

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "svg":
            self.depth = 0
        elif tag == "a":
            self._link = None
        elif tag == "title":
            self._in = None

    def handle_data(self, data):
        if self._in == "link":
            self._link["name"] += data
        elif self._in == "svg":
            self.title["text"] += data


def read_map(client, path) -> tuple[Svg, str]:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    svg = Svg()
    svg.feed(html)
    assert svg.svg, "no map"
    return svg, html


def test_each_member_is_a_link_named_by_its_name_in_joining_order(client):
    svg, _ = read_map(client, "/members/")
    names = dict(Member.objects.values_list("iso_code", "name"))
    assert [(link["href"], link["name"]) for link in svg.links] == [
        (f"/members/{code.lower()}/", names[code]) for code in MEMBERS
    ]
    assert all(link["shapes"] for link in svg.links)


def test_in_hebrew_each_link_is_named_in_hebrew_and_leads_to_the_hebrew_page(client):
    svg, _ = read_map(client, "/he/members/")
    assert [link["href"] for link in svg.links] == [f"/he/members/{c.lower()}/" for c in MEMBERS]
    named = {link["href"]: link["name"] for link in svg.links}
    for code, name in HEBREW.items():
        assert named[f"/he/members/{code.lower()}/"] == name
    assert all(re.search("[\u0590-\u05ff]", link["name"]) for link in svg.links)


@pytest.mark.parametrize("path", ["/members/", "/he/members/"])
def test_the_map_is_titled_and_its_other_countries_are_hidden(client, path):
    svg, _ = read_map(client, path)
    assert svg.title["text"].strip()
    assert svg.svg["aria-labelledby"] == svg.title["id"]
    assert svg.svg["role"] == "group"
    # Everything outside the links: one muted path, hidden from assistive technology.
    assert svg.shapes == [{"class": "land", "aria-hidden": "true", "d": svg.shapes[0]["d"]}]
    assert len(svg.links) == 10


def test_the_map_says_what_it_is(client):
    svg, _ = read_map(client, "/members/")
    assert svg.title["text"] == "Map of the member governments"


def test_non_members_are_not_links_and_nothing_comes_from_another_host(client):
    svg, html = read_map(client, "/members/")
    start, end = html.index('<svg class="members-map"'), html.index("</svg>")
    markup = html[start:end]
    assert set(svg.tags) <= {"title", "path", "a", "circle"}
    assert "http" not in markup and "//" not in markup
    assert "script" not in markup and "style=" not in markup
    assert not any(link["href"].startswith("/members/fr/") for link in svg.links)
    assert len(re.findall("<a ", markup)) == 10


def test_the_map_is_not_mirrored_on_right_to_left_pages():
    css = (Path(settings.BASE_DIR) / "forum/static/css/site.css").read_text()
    rule = re.search(r"\.members-map \{([^}]*)\}", css)
    assert rule and "direction: ltr" in rule.group(1)


def test_a_new_member_is_drawn_and_one_the_map_cannot_place_is_only_listed(
    client, django_capture_on_commit_callbacks
):
    client.get("/members/")  # the map is kept in the cache…
    with django_capture_on_commit_callbacks(execute=True):  # …until content changes
        MemberFactory(iso_code="FR", name="France", joined_year=2025)
        MemberFactory(iso_code="XZ", name="Nowhere", joined_year=2025)
    svg, html = read_map(client, "/members/")
    hrefs = [link["href"] for link in svg.links]
    assert hrefs[-1] == "/members/fr/"
    assert "/members/xz/" not in hrefs
    assert 'href="/members/xz/"' in html  # in the table


def test_a_small_member_also_gets_a_dot_to_find_and_click():
    countries = world_map.world()["countries"]
    assert "dot" in countries["EE"] and "dot" in countries["IL"]
    assert "dot" not in countries["CA"]
    assert countries["SG"] == {"dot": countries["SG"]["dot"]}  # absent at 1:110m


def test_the_page_with_its_map_weighs_at_most_60_kb_compressed(client):
    html = client.get("/members/").content
    css = (Path(settings.BASE_DIR) / "forum/static/css/site.css").read_bytes()
    weight = len(gzip.compress(html)) + len(gzip.compress(css))
    assert weight <= BUDGET, weight


def test_the_page_costs_a_few_queries_with_or_without_the_map_kept(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get("/members/")
    with django_assert_max_num_queries(10):
        client.get("/he/members/")


def test_the_committed_map_has_no_line_across_the_world():
    """Rings that run along the antimeridian (Fiji, Russia) are cut there, not drawn
    across the map."""
    world = world_map.world()
    paths = [shape.get("d", "") for shape in world["countries"].values()] + [world["others"]]
    for d in paths:
        for move in re.findall(r"l([-\d ]+)", d):
            numbers = [int(n) for n in re.findall(r"-?\d+", move)]
            assert max(map(abs, numbers[0::2]), default=0) < world["width"] / 3


@pytest.mark.skipif(not build_world_map.ATLAS.exists(), reason="needs npm's world-atlas: `npm ci`")
def test_the_committed_map_is_what_the_command_builds(tmp_path):
    output = tmp_path / "world.json"
    call_command("build_world_map", output=output, verbosity=0)
    assert json.loads(output.read_text()) == world_map.world()
    assert output.read_text() == world_map.DATA.read_text()


def test_a_ring_along_the_antimeridian_is_cut_into_one_ring_on_each_edge():
    west, east = -900.0, 900.0
    ring = [(east, 0), (east - 50, 10), (east, 20), (west, 20), (west + 50, 10), (west, 0)]
    arcs = [[*ring, ring[0]]]
    rings = build_world_map.ring_points([0], arcs)
    assert sorted(rings) == sorted(
        [[(900, 0), (850, 10), (900, 20)], [(-900, 20), (-850, 10), (-900, 0)]]
    )


def test_simplifying_keeps_the_ends_where_borders_meet():
    points = [(0, 0), (1, 0.1), (2, -0.1), (3, 0), (4, 5), (5, 0)]
    simplified = build_world_map.simplify(points, 0.5)
    assert simplified[0] == (0, 0) and simplified[-1] == (5, 0)
    assert (4, 5) in simplified and (1, 0.1) not in simplified
