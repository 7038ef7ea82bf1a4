import pytest

from forum.core.translation import reading_in
from forum.principles.models import Principle

pytestmark = pytest.mark.django_db


def test_principle_page_shows_wording_in_each_charter(client):
    response = client.get("/principles/user-needs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>User needs</h1>" in html
    assert "Principle 1 of the current Charter (clause 3.1)." in html
    versions = [w.version.number for w in response.context["principle"].wordings.all()]
    assert versions == [1, 2, 5]
    assert "Public services are designed for the citizen who uses them." in html


def test_a_dropped_principle_says_what_replaced_it(client):
    html = client.get("/principles/teaching-children-to-code/").content.decode()
    assert "The current Charter no longer has this principle." in html
    assert 'href="/principles/digital-skills-training/"' in html


def test_documents_tagged_with_a_principle_are_listed(client):
    html = client.get("/principles/sustainability/").content.decode()
    assert 'href="/documents/dn-sustainable-digital-government-2021/"' in html


# The ten principles of the current Charter, in its order (the seed page names them so).
TEN_PRINCIPLES = [
    "User needs",
    "Necessary safeguards",
    "Open standards",
    "Open source",
    "Open markets",
    "Open government (transparency)",
    "Digital inclusion and accessibility",
    "Digital skills and training",
    "Co-creation and experimentation",
    "Sustainability",
]


def names_in(language):
    with reading_in(language):
        return [(p.slug, p.name) for p in Principle.objects.current()]


def test_principles_list_shows_the_ten_principles_in_the_charters_order(client):
    response = client.get("/principles/")
    assert response.status_code == 200
    html = response.content.decode()
    assert [p.name for p in response.context["principles"]] == TEN_PRINCIPLES
    assert "<h1>The 10 principles</h1>" in html
    assert "<title>The 10 principles" in html
    assert 'aria-current="page">Principles</span>' in html
    for principle in response.context["principles"]:
        assert f'<a href="/principles/{principle.slug}/">{principle.name}</a>' in html
        assert principle.summary in html
    assert "Members commit to work towards these principles of the current Charter." in html


def test_principles_list_names_the_principles_of_earlier_charters(client):
    html = client.get("/principles/").content.decode()
    assert 'href="/principles/teaching-children-to-code/"' in html
    assert 'href="/principles/digital-skills-training/"' in html


@pytest.mark.parametrize(
    "language, heading, known",
    [
        ("fr", "<h1>Les 10 principes</h1>", "Besoins des usagers"),
        ("he", "<h1>10 העקרונות</h1>", "צורכי המשתמשים"),
    ],
)
def test_principles_list_in_other_languages(client, language, heading, known):
    response = client.get(f"/{language}/principles/")
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    names = names_in(language)
    assert len(names) == 10
    assert known in dict(names).values()
    for slug, name in names:
        assert f'<a href="/{language}/principles/{slug}/">{name}</a>' in html


def test_principles_list_costs_a_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/principles/")


def test_the_about_pages_principles_anchor_still_works(client):
    html = client.get("/about/").content.decode()
    assert '<h2 id="principles">' in html


def test_lineage_shows_when_a_principle_appeared_and_was_dropped(client):
    response = client.get("/principles/teaching-children-to-code/")
    events = [(step.version.number, step.event) for step in response.context["lineage"]]
    assert events == [
        (1, "appeared"),
        (2, "unchanged"),
        (3, "unknown"),
        (4, "unknown"),
        (5, "dropped"),
    ]
    html = response.content.decode()
    assert "First appears" in html and "Dropped" in html


def test_lineage_of_a_new_principle_and_a_reworded_one(client):
    response = client.get("/principles/digital-skills-training/")
    assert [s.event for s in response.context["lineage"]] == [
        "absent",
        "absent",
        "unknown",
        "unknown",
        "appeared",
    ]
    assert "This principle took the place of" in response.content.decode()
    user_needs = client.get("/principles/user-needs/").context["lineage"]
    assert [s.event for s in user_needs] == [
        "appeared",
        "unchanged",
        "unknown",
        "unknown",
        "reworded",
    ]


def test_principle_page_queries_stay_few(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/principles/open-government/")


def test_principles_list_describes_itself_as_a_collection(client):
    html = client.get("/principles/").content.decode()
    assert '"@type": "CollectionPage"' in html or '"@type":"CollectionPage"' in html
    assert "DefinedTerm" in html


@pytest.mark.parametrize(("prefix", "parent"), [("", "Principles"), ("/fr", "Principes")])
def test_a_principle_and_the_footer_lead_to_the_list_of_principles(client, prefix, parent):
    html = client.get(f"{prefix}/principles/user-needs/").content.decode()
    breadcrumbs = html[html.index('class="breadcrumbs"') :].split("</nav>")[0]
    assert f'<a href="{prefix}/principles/">{parent}</a>' in breadcrumbs
    footer = html[html.index('class="site-footer"') :]
    assert f'<a href="{prefix}/principles/">{parent}</a>' in footer
    assert "#principles" not in breadcrumbs + footer
