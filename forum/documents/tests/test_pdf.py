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


def test_version_pdf_is_a_pdf_with_title_text_and_checksum(client):
    version = DocumentVersion.objects.get(document__slug="dn-charter", number=5)
    response = client.get("/documents/dn-charter/versions/5.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="dn-charter-v5.pdf"'
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response.content.startswith(b"%PDF-")

    reader, text = read_pdf(response)
    assert "Digital Nations Charter" in text
    assert version.title in text
    for principle in ("User needs", "Necessary safeguards", "Open standards", "Sustainability"):
        assert principle in text
    assert version.checksum in text
    assert "sha256sum" in text
    links = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    }
    assert "http://testserver/documents/dn-charter/versions/5.txt" in links
    assert "http://testserver/documents/dn-charter/versions/5/" in links
    assert "November 2021" in text
    assert "Charter" in text and "In force" in text
    assert "DN Ministerial Summit 2021" in text
    assert "It is not the signed wording of the Charter." in text  # text_note
    assert "Digital Nations, the international forum of leading digital governments" in text


def test_each_version_has_its_own_text_and_the_plain_address_is_the_latest(client):
    _, first = read_pdf(client.get("/documents/dn-charter/versions/1.pdf"))
    assert "Teaching children to code" in first
    assert "This is not the latest version of this document. The latest is version 5." in first

    response = client.get("/documents/dn-charter.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="dn-charter-v5.pdf"'
    _, latest = read_pdf(response)
    assert "Sustainability" in latest
    assert "Teaching children to code" not in latest
    assert "not the latest version" not in latest


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


def test_version_without_text_renders_the_summary_and_says_so(client):
    document = Document.objects.get(slug="busan-declaration-2016")
    response = client.get("/documents/busan-declaration-2016/versions/1.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    reader, text = read_pdf(response)
    assert document.title in text
    assert " ".join(document.summary.split()) in text
    assert "The text of this version is not published here." in text
    assert "sha256sum" not in text
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"].value is True
    # The latest-version address serves the same document.
    assert client.get("/documents/busan-declaration-2016.pdf").status_code == 200
