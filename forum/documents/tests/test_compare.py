import pytest

from forum.documents.compare import compare_texts, summary, word_diff

pytestmark = pytest.mark.django_db


def test_charter_from_d5_to_2021_shows_principles_added_removed_and_changed(client):
    response = client.get("/documents/dn-charter/compare/?from=1&to=5")
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 paragraphs added, 4 removed, 5 changed and 0 unchanged." in html
    blocks = {b.kind: [] for b in response.context["blocks"]}
    for block in response.context["blocks"]:
        blocks[block.kind].append(str(block.html).split("<br>")[0])
    assert "<del>Teaching children to code" in blocks["removed"]
    assert "<del>Connectivity" in blocks["removed"]
    assert "<ins>Sustainability" in blocks["added"]
    assert "<ins>Digital skills and training" in blocks["added"]
    assert "User needs" in blocks["changed"]
    assert ">Removed</span>" in html and ">Added</span>" in html  # words, not colour alone


def test_d5_to_d7_is_unchanged(client):
    html = client.get("/documents/dn-charter/compare/?from=1&to=2").content.decode()
    assert "0 paragraphs added, 0 removed, 0 changed and 9 unchanged." in html


def test_default_compares_the_last_two_versions(client):
    response = client.get("/documents/dn-charter/compare/")
    assert (response.context["old"].number, response.context["new"].number) == (4, 5)


@pytest.mark.parametrize("query", ["from=0", "from=9&to=5", "from=one", "to=-1"])
def test_unknown_versions_get_a_clear_message(client, query):
    response = client.get(f"/documents/dn-charter/compare/?{query}")
    assert response.status_code == 400
    assert "is not a version of this document. Choose one of 1, 2, 3, 4, 5." in (
        response.content.decode()
    )


def test_a_document_with_one_version_has_nothing_to_compare(client):
    response = client.get("/documents/busan-declaration-2016/compare/")
    assert response.status_code == 400
    assert "only one version" in response.content.decode()


def test_word_diff_marks_words_and_escapes_html():
    html = str(word_diff("Share <b>good</b> practice", "Share <b>best</b> practice"))
    assert "<del>&lt;b&gt;good&lt;/b&gt;</del><ins>&lt;b&gt;best&lt;/b&gt;</ins>" in html


def test_a_reworded_paragraph_is_changed_not_removed_and_added():
    blocks = compare_texts("Intro\nWe meet once a year.", "Intro\nWe meet once a year at a summit.")
    assert summary(blocks) == {"same": 0, "changed": 1, "added": 0, "removed": 0}
