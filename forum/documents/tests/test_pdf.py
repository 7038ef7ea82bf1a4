import io
from unittest import mock

import pytest
from pypdf import PdfReader

from django.core.cache import cache

from forum.documents import pdf
from forum.documents.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def read_pdf(response) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Long lines wrap; compare words, not line breaks.
    return reader, " ".join(text.split())


def links_of(reader) -> set[str]:
    return {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    }


def test_version_pdf_is_a_pdf_with_title_text_and_checksum(client, official_document):
    version = official_document.versions.get(number=2)
    response = client.get("/documents/test-declaration/versions/2.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="test-declaration-v2.pdf"'
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response.content.startswith(b"%PDF-")

    reader, text = read_pdf(response)
    assert "Test Declaration" in text and "Document record" not in text
    assert "We meet once a year at a summit." in text and "Publishing" in text
    assert version.checksum in text
    assert "sha256sum" in text
    links = links_of(reader)
    assert "http://testserver/documents/test-declaration/versions/2.txt" in links
    assert "http://testserver/documents/test-declaration/versions/2/" in links
    assert "May 2023" in text
    assert "Declaration" in text and "In force" in text
    assert "The secretariat's summary The members agree to meet and to share." in text
    assert "Digital Nations, the international forum of leading digital governments" in text


def test_a_version_the_site_holds_no_text_of_is_a_one_page_document_record(client):
    response = client.get("/documents/dn-charter.pdf")
    assert response["Content-Disposition"] == 'inline; filename="dn-charter-v5.pdf"'
    reader, text = read_pdf(response)
    assert len(reader.pages) == 1
    assert text.startswith("Document record: Digital Nations Charter")
    assert reader.metadata.title.startswith("Document record: Digital Nations Charter")
    assert "this site does not hold the official text" in text
    assert "Where the official text is" in text
    assert "Publisher Government of Canada" in text and "Language English" in text
    official = (
        "https://www.canada.ca/en/government/system/digital-government/"
        "improving-digital-services/digital-nations-charter.html"
    )
    assert official in links_of(reader)
    assert "The secretariat's summary Current charter." in text
    assert "In force" in text
    # No text, hence no checksum, and nothing called authoritative.
    assert "sha256sum" not in text and "SHA-256" not in text and "authoritative" not in text
    assert "User needs" not in text  # the summary of the principles stays on the page
    assert "not the latest version" not in text


def test_a_versions_record_shows_its_own_summary_and_status(client):
    _, text = read_pdf(client.get("/documents/dn-charter/versions/2.pdf"))
    assert "Document record: Digital Nations Charter" in text
    assert "D7 Charter, version 2" in text and "February 2018" in text
    assert "Charter version for seven members; it kept the nine original D5 principles." in text
    assert "Superseded by version 3 (D9 Charter)" in text
    assert "In force" not in text
    assert "Current charter" not in text  # the 2021 summary
    assert "This is not the latest version of this document. The latest is version 5." in text
    assert "No source gives where the official text is published." in text


def test_every_document_record_is_one_page(client):
    for version in DocumentVersion.objects.select_related("document"):
        response = client.get(f"/documents/{version.document.slug}/versions/{version.number}.pdf")
        reader, text = read_pdf(response)
        assert len(reader.pages) == 1, version
        assert text.startswith("Document record: "), version


def test_a_communique_is_published_not_in_force(client):
    _, text = read_pdf(client.get("/documents/dn-communique-2021.pdf"))
    assert "Status Published" in text
    assert "In force" not in text


def test_the_external_papers_record_names_its_authors_and_publisher(client):
    reader, text = read_pdf(client.get("/documents/bennett-digital-minilateralism-2020.pdf"))
    assert "Type External publication" in text
    assert "Authors Tanya Filer and Antonio Weiss" in text
    assert "Publisher Bennett Institute for Public Policy, University of Cambridge" in text
    assert "No source gives the address of the official text." in text
    assert reader.metadata.author == "Tanya Filer and Antonio Weiss"


def test_pdf_is_tagged_with_title_and_language(client):
    reader, _ = read_pdf(client.get("/documents/dn-charter/versions/5.pdf"))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"
    assert "Digital Nations Charter" in reader.metadata.title
    assert "version 5" in reader.metadata.title
    # PDF/UA-1, declared in the XMP metadata.
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp


def test_second_request_is_served_from_the_cache(client):
    url = "/documents/dn-charter/versions/5.pdf"
    with mock.patch.object(pdf, "version_pdf_bytes", wraps=pdf.version_pdf_bytes) as render:
        first = client.get(url)
        second = client.get(url)
        assert render.call_count == 1
        assert second.content == first.content

        version = DocumentVersion.objects.select_related("document").get(
            document__slug="dn-charter", number=5
        )
        context = pdf.pdf_context(version, base_url="http://testserver/")
        key = pdf.pdf_cache_key(version, context)
        assert str(version.document.pk) in key and version.checksum in key
        assert cache.get(key) == first.content

        # An edit to anything the PDF shows gives a new key, hence a new rendering.
        Document.objects.filter(slug="dn-charter").update(title="Digital Nations Charter!")
        third = client.get(url)
        assert render.call_count == 2
        _, text = read_pdf(third)
        assert "Digital Nations Charter!" in text


def test_cache_key_changes_with_text_status_and_summit(client):
    version = DocumentVersion.objects.select_related("document").get(
        document__slug="dn-charter", number=5
    )

    def key():
        version.document.refresh_from_db()
        version.refresh_from_db()
        return pdf.pdf_cache_key(version, pdf.pdf_context(version, base_url="http://testserver/"))

    keys = [key()]
    DocumentVersion.objects.filter(pk=version.pk).update(text=version.text + "\n\nMore.")
    keys.append(key())
    Document.objects.filter(pk=version.document_id).update(status="superseded")
    keys.append(key())
    DocumentVersion.objects.filter(pk=version.pk).update(summit=None)
    Document.objects.filter(pk=version.document_id).update(summit=None)
    keys.append(key())
    assert len(set(keys)) == len(keys)


def test_head_is_allowed_and_post_is_not(client):
    assert client.head("/documents/dn-charter/versions/5.pdf").status_code == 200
    assert client.post("/documents/dn-charter/versions/5.pdf").status_code == 405
    assert client.post("/documents/dn-charter.pdf").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/documents/no-such-document.pdf",
        "/documents/no-such-document/versions/1.pdf",
        "/documents/dn-charter/versions/6.pdf",
        "/documents/dn-charter/versions/0.pdf",
    ],
)
def test_unknown_document_or_version_is_404(client, url):
    assert client.get(url).status_code == 404


def test_version_without_text_is_a_record_with_its_summary_and_where_its_text_is(client):
    document = Document.objects.get(slug="busan-declaration-2016")
    response = client.get("/documents/busan-declaration-2016/versions/1.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    reader, text = read_pdf(response)
    assert f"Document record: {document.title}" in text
    assert " ".join(document.summary.split()) in text
    assert "Publisher Government of Canada" in text and "Format web page" in text
    assert "sha256sum" not in text
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"].value is True
    # The latest-version address serves the same document.
    assert client.get("/documents/busan-declaration-2016.pdf").status_code == 200
