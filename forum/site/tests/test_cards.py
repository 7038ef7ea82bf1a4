"""Link previews: every public page names its card (og:image, twitter:card), a 1200 × 630
PNG of a few KB saying the page's kind, title and date in the page's language, drawn once
and kept; only a card the site signed is served."""

import io
import re

import pytest
from PIL import Image, ImageFont

from django.core import signing
from django.core.cache import cache

from forum.core.models import ContentClock
from forum.members.models import Member
from forum.site import cards

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/about/",
    "/documents/",
    "/documents/dn-charter/",
    "/members/",
    "/members/ee/",
    "/principles/user-needs/",
    "/summits/2022-seoul/",
    "/working-groups/data-360/",
    "/news/denmark-tenth-member-2019/",
    "/privacy/",
    "/he/documents/dn-charter/",
    "/ko/summits/2022-seoul/",
]


def preview(client, page: str) -> dict[str, str]:
    html = client.get(page).content.decode()
    head = html[: html.index("</head>")]
    return dict(
        re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', head)
    )


def card_of(client, page: str):
    tags = preview(client, page)
    response = client.get(tags["og:image"].removeprefix("http://testserver"))
    return tags, response


@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_names_a_card_that_is_a_small_png(client, page):
    tags, response = card_of(client, page)
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image"].startswith("http://testserver/cards/")
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"].startswith("Digital Nations")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1200, 630)
    assert len(response.content) < 40_000


def test_a_card_says_the_pages_kind_title_and_date_in_its_language(client):
    tags = preview(client, "/documents/dn-charter/")
    assert tags["og:image:alt"] == "Digital Nations – Key document – Digital Nations Charter"
    card = cards.read(tags["og:image"].rsplit("/", 1)[1].removesuffix(".png"))
    assert card == {
        "t": "Digital Nations Charter",
        "k": "DigitalDocument",
        "d": "2021-11",
        "l": "en",
    }
    summit = cards.read(
        preview(client, "/ko/summits/2022-seoul/")["og:image"].rsplit("/", 1)[1][:-4]
    )
    assert (summit["k"], summit["d"], summit["l"]) == ("Event", "2022-11-01", "ko")
    hebrew = preview(client, "/he/documents/dn-charter/")["og:image:alt"]
    assert "אמנת Digital Nations" in hebrew


def test_only_a_card_the_site_signed_is_served(client):
    card = {"t": "Anything at all", "k": "", "d": "", "l": "en"}
    forged = signing.Signer(salt="other").sign_object(card, compress=True)
    assert client.get(f"/cards/{forged}.png").status_code == 404
    assert client.get("/cards/not-a-card.png").status_code == 404
    unknown = cards.token({"t": "x", "k": "", "d": "", "l": "xx"}, "xx")
    assert client.get(f"/cards/{unknown}.png").status_code == 404


def test_a_card_is_drawn_once_then_kept_and_changes_with_the_page(client, monkeypatch):
    cache.clear()
    drawn = []
    draw = cards.draw
    monkeypatch.setattr(cards, "draw", lambda card: drawn.append(card) or draw(card))
    first, response = card_of(client, "/members/ee/")
    assert first["og:image:alt"] == "Digital Nations – Member government – Estonia"
    assert response.status_code == 200
    assert client.get(first["og:image"].removeprefix("http://testserver")).status_code == 200
    assert len(drawn) == 1
    Member.objects.filter(iso_code="EE").update(name="Republic of Estonia")
    ContentClock.touch()
    renamed, response = card_of(client, "/members/ee/")
    assert renamed["og:image"] != first["og:image"]
    assert "Republic of Estonia" in renamed["og:image:alt"]
    assert len(drawn) == 2


@pytest.mark.parametrize(("language", "letters"), [("he", "אמנה"), ("ko", "장관회의")])
def test_hebrew_and_korean_cards_are_drawn_in_a_font_that_has_their_letters(language, letters):
    font = cards._font(language, True, 60)
    assert isinstance(font, ImageFont.FreeTypeFont), "no font: run make pdf-deps"
    for letter in letters:  # a glyph, not the empty box of a missing one
        assert font.getmask(letter).getbbox() is not None
    png = cards.draw({"t": letters, "k": "Event", "d": "2022-11-01", "l": language})
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
