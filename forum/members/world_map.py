"""The members map: the world as inline SVG, each member a link to its page.

The countries' shapes are read from data/world.json (Natural Earth, public domain: see
data/README.md; rebuilt with `python manage.py build_world_map`). Every country that is
not a member goes into one muted path, hidden from assistive technology; each member is
a link named by its (translated) name, in the order given, so that the keyboard reaches
them as the list beside the map lists them. No script, no tiles, nothing from another
host; the page keeps the markup in its cache (members/member_list.html)."""

import functools
import json
from pathlib import Path

from django.utils.html import format_html, format_html_join

DATA = Path(__file__).resolve().parent / "data" / "world.json"
DOT_RADIUS = 10  # map units; the map is about 2,000 wide


@functools.cache
def world() -> dict:
    return json.loads(DATA.read_text())


def members_map(members, title: str) -> str:
    """The SVG of the world with `members` (Member records) as links; `title` names it.
    A member whose country the map cannot place (no ISO code it knows) is left out of
    the map, not of the list beside it."""
    countries = world()["countries"]
    codes = {member.iso_code for member in members}
    muted = "".join(
        shape["d"] for code, shape in countries.items() if code not in codes and "d" in shape
    )
    links = format_html_join(
        "",
        '<a href="{}"><title>{}</title>{}</a>',
        (
            (member.get_absolute_url(), member.name, _shape(countries[member.iso_code]))
            for member in members
            if member.iso_code in countries
        ),
    )
    return format_html(
        '<svg class="members-map" viewBox="0 0 {} {}" role="group" '
        'aria-labelledby="members-map-title"><title id="members-map-title">{}</title>'
        '<path class="land" aria-hidden="true" d="{}"/>{}</svg>',
        world()["width"],
        world()["height"],
        title,
        muted + world()["others"],
        links,
    )


def _shape(shape: dict) -> str:
    path = format_html('<path d="{}"/>', shape["d"]) if "d" in shape else ""
    if "dot" not in shape:
        return path
    x, y = shape["dot"]
    return format_html('{}<circle cx="{}" cy="{}" r="{}"/>', path, x, y, DOT_RADIUS)
