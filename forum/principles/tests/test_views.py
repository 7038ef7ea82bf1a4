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
