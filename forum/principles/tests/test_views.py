import pytest

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


def test_principles_index_leads_to_the_about_page(client):
    response = client.get("/principles/")
    assert response.status_code == 302
    assert response["Location"] == "/about/#principles"


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
