"""The home page says who the forum is: its mission with the four aims, the latest key
documents, the latest summit (and the next, when one is recorded), the members; in every
language, for a fixed number of queries."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum.documents.models import Document
from forum.members.models import Member
from forum.summits.models import Summit
from forum.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

MISSION = {
    "en": (
        "We, Digital Nations, lead digital government transformation for the benefit of our "
        "citizens."
    ),
    "fr": (
        "Nous, Digital Nations, menons la transformation numérique de l’administration au "
        "bénéfice de nos citoyens."
    ),
}
AIMS = {
    "en": [
        "Developing cutting-edge digital policy and practice",
        "Sharing approaches and best practices among members",
        "Advancing members&#x27; international influence",
        "Strengthening relations, building expertise and connecting digital leaders globally",
    ],
    "fr": [
        "Élaborer des politiques et des pratiques numériques de pointe",
        "Partager les approches et les bonnes pratiques entre les membres",
        "Renforcer l’influence internationale des membres",
        "Resserrer les liens, développer l’expertise et mettre en relation les responsables du "
        "numérique du monde entier",
    ],
}


@pytest.mark.parametrize("language, prefix", [("en", ""), ("fr", "/fr")])
def test_home_states_the_mission_with_its_four_aims(client, language, prefix):
    html = client.get(f"{prefix}/").content.decode()
    assert f'<blockquote class="mission"><p>{MISSION[language]}</p></blockquote>' in html
    for aim in AIMS[language]:
        assert f"<li>{aim}</li>" in html
    assert html.count('<ul class="aims">') == 1
    assert f'<a class="button" href="{prefix}/about/">' in html


def test_home_shows_the_latest_summit_with_its_host(client):
    html = client.get("/").content.decode()
    assert '<a href="/summits/2023-portugal/">DN Ministerial Summit 2023</a>' in html
    assert "Hosted by Portugal" in html
    assert "Theme: Data for a more sustainable and resilient society" in html
    assert "Portugal handed the presidency to Denmark on 14 November 2023." in html


def test_home_says_nothing_of_a_next_summit_the_data_does_not_know(client):
    response = client.get("/")
    assert response.context["next_summit"] is None
    assert "Next ministerial summit" not in response.content.decode()


def test_home_in_french_shows_the_summit_and_members_in_french(client):
    html = client.get("/fr/").content.decode()
    assert '<a href="/fr/summits/2023-portugal/">Sommet ministériel DN 2023</a>' in html
    assert "Pays hôte\u00a0: Portugal" in html
    assert '<a href="/fr/members/dk/">Danemark</a>' in html
    assert "Digital Nations compte 10 gouvernements membres." in html


def test_home_shows_the_latest_documents(client):
    response = client.get("/")
    html = response.content.decode()
    latest = list(Document.objects.listed()[:4])
    assert [d.pk for d in response.context["latest_documents"]] == [d.pk for d in latest]
    for document in latest:
        assert f'<a href="{document.get_absolute_url()}">{document.title}</a>' in html
    assert latest[0].slug == "dn-communique-2022"
    assert '<a href="/documents/">All key documents</a>' in html


def test_home_lists_every_member(client):
    html = client.get("/").content.decode()
    members = list(Member.objects.all())
    assert len(members) == 10
    for member in members:
        assert f'<a href="{member.get_absolute_url()}">{member.name}</a>' in html
    assert "Digital Nations has 10 member governments." in html
    assert '<a href="/members/">All members</a>' in html


def future_summit(**values):
    today = timezone.localdate()
    defaults = {
        "number": 99,
        "slug": "future-summit",
        "year": today.year + 1,
        "label": "DN Ministerial Summit",
        "host": Member.objects.get(iso_code="DK"),
        "city": "Copenhagen",
        "start_date": datetime.date(today.year + 1, 11, 3),
        "end_date": datetime.date(today.year + 1, 11, 4),
    }
    return Summit.objects.create(**{**defaults, **values})


def test_home_shows_the_next_summit_once_one_is_recorded(client):
    summit = future_summit()
    response = client.get("/")
    assert response.context["next_summit"] == summit
    assert response.context["latest_summit"].slug == "2023-portugal"
    html = response.content.decode()
    assert '<h2 id="next-summit">Next ministerial summit</h2>' in html
    assert f'<a href="/summits/future-summit/">DN Ministerial Summit {summit.year}</a>' in html
    assert "Hosted by Denmark · Copenhagen" in html
    assert f'<time datetime="{summit.start_date:%Y-%m-%d}">' in html


def test_a_summit_of_a_later_year_without_dates_is_the_next(client):
    summit = future_summit(start_date=None, end_date=None)
    response = client.get("/")
    assert response.context["next_summit"] == summit
    assert response.context["latest_summit"].slug == "2023-portugal"


def test_a_summit_already_begun_is_the_latest_not_the_next(client):
    today = timezone.localdate()
    summit = future_summit(year=today.year, start_date=today, end_date=None)
    response = client.get("/")
    assert response.context["latest_summit"] == summit
    assert response.context["next_summit"] is None


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/fr/", "/he/"])
def test_home_costs_a_fixed_number_of_queries(client, url):
    assert count_queries(client, url) <= 10  # the first, which reads the translations
    before = count_queries(client, url)
    MemberFactory.create_batch(3)
    future_summit()
    future_summit(number=98, slug="another-future-summit", year=timezone.localdate().year + 2)
    for n in range(5):
        Document.objects.create(
            slug=f"more-{n}", title=f"More {n}", type="report", date=datetime.date(2030, 1, 1)
        )
    assert count_queries(client, url) == before
