import hashlib

import pytest

from django.core.files.base import ContentFile

from forum.documents.models import Document, DocumentAttachment

pytestmark = pytest.mark.django_db


def test_charter_filter_gives_the_charter_with_its_five_versions(get_json):
    response, body = get_json("/api/v1/documents/?type=charter")
    assert response.status_code == 200
    assert body["count"] == 1
    charter = body["results"][0]
    assert charter["slug"] == "dn-charter"
    assert charter["type"] == "charter"
    assert [v["number"] for v in charter["versions"]] == [1, 2, 3, 4, 5]
    assert charter["versions"][0]["title"] == "D5 Charter"
    assert charter["url"] == "http://testserver/documents/dn-charter/"


def test_version_checksum_is_the_sha256_of_its_text_download(client, get_json):
    _, charter = get_json("/api/v1/documents/dn-charter")
    with_text = [v for v in charter["versions"] if v["text"]]
    without_text = [v for v in charter["versions"] if not v["text"]]
    assert with_text and without_text  # D9 and 2020 have no known wording
    for version in with_text:
        download = client.get(version["text_url"])
        assert download.status_code == 200
        assert download.content.decode() == version["text"]
    assert all(v["checksum"] is None and v["text_url"] is None for v in without_text)
    assert charter["versions"][1]["url"] == "http://testserver/documents/dn-charter/versions/2/"


def test_only_an_official_text_has_a_checksum(client, get_json, official_document):
    # The Charter's texts are the secretariat's summaries of its principles.
    _, charter = get_json("/api/v1/documents/dn-charter")
    assert charter["versions"][0]["text"] and charter["versions"][0]["checksum"] is None
    _, official = get_json(f"/api/v1/documents/{official_document.slug}")
    for version in official["versions"]:
        download = client.get(version["text_url"])
        assert hashlib.sha256(download.content).hexdigest() == version["checksum"]


def test_statuses_and_the_external_publication(get_json):
    _, communique = get_json("/api/v1/documents/dn-communique-2021")
    assert communique["status"] == "published"
    _, paper = get_json("/api/v1/documents/bennett-digital-minilateralism-2020")
    assert (paper["type"], paper["status"]) == ("external", "published")
    assert paper["drafted_by"] == "Tanya Filer and Antonio Weiss"
    _, charter = get_json("/api/v1/documents/dn-charter")
    assert charter["status"] == "in_force"


def test_a_version_says_what_its_text_is_and_where_the_official_text_is(get_json):
    """As the version's page does: the kind of text held, the secretariat's summary of
    that version, and the official text's publisher, address, language and format."""
    _, declaration = get_json("/api/v1/documents/data-360-declaration-2019")
    version = declaration["versions"][0]
    assert version["text_kind"] == "summary"
    assert version["checksum"] is None
    assert version["official_publisher"] == "Government of the United Kingdom"
    assert version["official_url"].startswith("https://gov.uk/government/publications/")
    assert (version["official_language"], version["official_format"]) == ("en", "html")
    _, charter = get_json("/api/v1/documents/dn-charter")
    first = charter["versions"][0]
    assert first["summary"] and first["official_url"] == "" and first["official_format"] == ""


def test_document_gives_its_signatories(get_json):
    _, charter = get_json("/api/v1/documents/dn-charter")
    signatures = charter["signatures"]
    assert signatures
    assert {"member", "member_name", "version", "act", "date", "signer", "how"} <= set(
        signatures[0]
    )
    assert "EE" in {s["member"] for s in signatures}
    assert [s["version"] or 0 for s in signatures] == sorted(s["version"] or 0 for s in signatures)


def test_attachments_have_their_download_address(get_json, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = Document.objects.get(slug="busan-declaration-2016")
    attachment = DocumentAttachment(
        document=document, language="en", title="Busan declaration", size=3,
        content_type="application/pdf",
    )  # fmt: skip
    attachment.file.save("busan.pdf", ContentFile(b"pdf"), save=False)
    attachment.save()
    _, body = get_json("/api/v1/documents/busan-declaration-2016")
    assert body["attachments"] == [
        {
            "id": attachment.pk,
            "title": "Busan declaration",
            "language": "en",
            "version": None,
            "content_type": "application/pdf",
            "size": 3,
            "url": f"http://testserver/documents/busan-declaration-2016/files/{attachment.pk}/",
        }
    ]


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("type=declaration&member=ee", None),  # counted on the page: 3 documents
        ("q=Busan", ["busan-declaration-2016"]),
        ("group=data-360", ["data-360-declaration-2019"]),
        ("year=2018", None),
        ("summit=2022-seoul", None),
        ("principle=user-needs", None),
        ("status=in_force&sort=oldest", None),
        ("type=&year=", None),  # empty values mean "any", as on the page
    ],
)
def test_filters_have_the_names_and_meaning_of_the_document_list(client, get_json, query, slugs):
    _, body = get_json(f"/api/v1/documents/?{query}&limit=100")
    page = client.get(f"/documents/?{query}")
    assert page.status_code == 200
    listed = [d.slug for d in page.context["page"].paginator.object_list]
    assert [d["slug"] for d in body["results"]] == listed
    assert body["count"] == len(listed)
    if slugs is not None:
        assert listed == slugs
    if query.startswith("type=declaration&member=ee"):
        assert body["count"] == 3


def test_invalid_filters_are_a_400_listing_each_field(get_json):
    response, body = get_json("/api/v1/documents/?year=soon&member=zz&type=poem&sort=up")
    assert response.status_code == 400
    assert body["detail"] == "Invalid query parameters."
    assert body["errors"]["year"] == ["Enter a whole number."]
    assert body["errors"]["member"] == ["There is no member with the code “ZZ”."]
    assert set(body["errors"]) == {"year", "member", "type", "sort"}


def test_former_address_of_a_version_is_a_404_that_says_where_it_went(get_json):
    response, body = get_json("/api/v1/documents/d7-charter-2018")
    assert response.status_code == 404
    assert body["detail"] == "“d7-charter-2018” is now version 2 of “dn-charter”."


def test_unknown_document_is_a_json_404(get_json):
    response, body = get_json("/api/v1/documents/no-such-document")
    assert response.status_code == 404
    assert body == {"detail": "There is no document “no-such-document”."}


def test_the_list_sorted_by_relevance_comes_best_match_first(client):
    response = client.get("/api/v1/documents/?q=charter&sort=relevance&limit=5")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 1
    first = body["results"][0]
    assert "charter" in first["title"].lower(), first["title"]
    assert first["versions"], "the details come with the ranked records too"
