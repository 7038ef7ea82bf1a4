"""The workspace forms: visible labels, errors summarised with links to the fields, what
was typed kept, 400 for bad input."""

import re

import pytest

from forum.practices.models import Practice, PracticeStatus

pytestmark = pytest.mark.django_db


def test_the_form_has_a_visible_label_for_every_field(client_for, representative):
    html = client_for(representative).get("/workspace/practices/new/").content.decode()
    assert html.count("<h1>") == 1
    for name in (
        "title",
        "summary",
        "problem",
        "approach",
        "results",
        "lessons",
        "links",
        "themes",
        "group",
        "new_attachment",
        "attachment_title",
    ):
        assert f'<label for="id_{name}">' in html, name
    for name in ("principles", "authors", "visibility"):
        assert f'<fieldset class="field" id="id_{name}"' in html, name
        assert "<legend>" in html
    assert 'enctype="multipart/form-data"' in html


def test_an_empty_post_is_a_400_with_an_error_summary(client_for, representative):
    response = client_for(representative).post("/workspace/practices/new/", {})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_title"' in html
    assert 'href="#id_summary"' in html
    assert 'href="#id_visibility"' in html
    assert 'aria-invalid="true"' in html
    assert not Practice.objects.exists()


def test_bad_links_are_refused_and_what_was_typed_is_kept(client_for, representative):
    response = client_for(representative).post(
        "/workspace/practices/new/",
        {
            "title": "Typed title",
            "summary": "Typed summary",
            "problem": "Typed problem",
            "links": "https://ok.example.org/\njavascript:alert(1)\nftp://files.example.org/",
            "themes": "open data",
            "visibility": "public",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_links"' in html
    assert "These are not: javascript:alert(1), ftp://files.example.org/" in html
    assert 'value="Typed title"' in html
    assert "Typed problem</textarea>" in html
    assert 'value="open data"' in html
    assert re.search(r'<input type="radio" name="visibility" value="public"[^>]* checked', html)
    assert not Practice.objects.exists()


def test_themes_are_separated_by_commas_only(client_for, representative):
    client_for(representative).post(
        "/workspace/practices/new/",
        {
            "title": "T",
            "summary": "S",
            "visibility": "members",
            "themes": "Open data, open  data , Digital identity,,",
        },
    )
    practice = Practice.objects.get()
    assert sorted(t.name for t in practice.themes.all()) == ["Digital identity", "Open data"]


def test_slugs_are_unique_and_never_a_workspace_address(client_for, representative):
    client = client_for(representative)
    for _ in range(2):
        client.post(
            "/workspace/practices/new/", {"title": "New", "summary": "S", "visibility": "members"}
        )
    assert sorted(Practice.objects.values_list("slug", flat=True)) == ["new-2", "new-3"]


def test_an_incomplete_practice_cannot_be_submitted(client_for, representative):
    client = client_for(representative)
    client.post(
        "/workspace/practices/new/", {"title": "Thin", "summary": "S", "visibility": "members"}
    )
    practice = Practice.objects.get()
    response = client.post(f"{practice.get_workspace_url()}submit/")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert (
        "Before it can be reviewed, the practice needs: the problem, the approach, results." in html
    )
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT


def test_a_submitted_practice_cannot_be_submitted_again(client_for, make_practice, representative):
    practice = make_practice(representative, status="submitted")
    response = client_for(representative).post(f"{practice.get_workspace_url()}submit/")
    assert response.status_code == 400
    assert "Only a draft or a returned practice can be submitted" in response.content.decode()


def test_return_needs_a_comment(client_for, make_practice, representative, secretariat):
    practice = make_practice(representative, status="submitted")
    response = client_for(secretariat).post(
        f"{practice.get_workspace_url()}return/", {"comment": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_comment"' in html
    assert "Say what the authors should change before it can be published." in html
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED


def test_a_published_practice_cannot_be_published_again(
    client_for, make_practice, representative, secretariat
):
    practice = make_practice(representative, status="published")
    response = client_for(secretariat).post(f"{practice.get_workspace_url()}publish/")
    assert response.status_code == 400
    assert "This practice is already published." in response.content.decode()
    assert practice.revisions.count() == 1


def test_a_draft_cannot_be_returned(client_for, make_practice, representative, secretariat):
    practice = make_practice(representative)
    response = client_for(secretariat).post(
        f"{practice.get_workspace_url()}return/", {"comment": "No."}
    )
    assert response.status_code == 400
    assert "Only a submitted or published practice can be returned" in response.content.decode()


def test_edit_form_starts_with_the_practice(client_for, make_practice, representative):
    practice = make_practice(
        representative, themes=["Open data", "Digital identity"], principles=["user-needs"]
    )
    html = client_for(representative).get(f"{practice.get_workspace_url()}edit/").content.decode()
    assert html.count("<h1>") == 1
    assert 'value="Once-only digital identity"' in html
    assert 'value="Digital identity, Open data"' in html
    assert "checked" in html.split('id="id_principles"')[1].split("</fieldset>")[0]
