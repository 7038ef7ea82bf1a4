import io
import zipfile

import pytest
import weasyprint
from pypdf import PdfReader, PdfWriter

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from forum.core.uploads import (
    DOCX,
    ODT,
    PDF,
    attachment_upload_to,
    extract_text,
    sanitise_filename,
    validate_document_file,
)
from forum.documents.models import Document, DocumentAttachment
from forum.documents.services import attachment_prepare

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
  <office:body><office:text>
    <text:h text:outline-level="1">Montevideo Charter</text:h>
    <text:p>Openness<text:s/>and <text:span>transparency</text:span>.</text:p>
  </office:text></office:body>
</office:document-content>"""

DOCX_CONTENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:body>
    <w:p><w:r><w:t>Lisbon communiqu\u00e9</w:t></w:r></w:p>
    <w:p><w:r><w:t xml:space="preserve">Digital </w:t></w:r><w:r><w:t>identity</w:t></w:r></w:p>
  </w:body>
</w:document>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Override PartName="/word/document.xml"
    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)


def make_pdf(text="Busan declaration text"):
    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


def make_zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


def make_odt(content=ODT_CONTENT):
    return make_zip([("mimetype", ODT), ("content.xml", content)])


def make_docx(document=DOCX_CONTENT):
    return make_zip([("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", document)])


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refusal(name, data):
    with pytest.raises(ValidationError) as error:
        validate_document_file(upload(name, data))
    return error.value


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# Content types and text


def test_a_real_pdf_is_accepted_and_its_text_extracted():
    file = upload("busan.pdf", make_pdf())
    assert validate_document_file(file) == PDF
    assert file.tell() == 0  # left ready to be saved
    assert "Busan declaration text" in extract_text(file, PDF)


def test_a_real_odt_is_accepted_and_its_text_extracted():
    file = upload("charter.odt", make_odt())
    assert validate_document_file(file) == ODT
    assert extract_text(file, ODT) == "Montevideo Charter\nOpenness and transparency."


def test_a_real_docx_is_accepted_and_its_text_extracted():
    file = upload("communique.DOCX", make_docx())
    assert validate_document_file(file) == DOCX
    assert extract_text(file, DOCX) == "Lisbon communiqu\u00e9\nDigital identity"


def test_a_pdf_protected_only_against_changes_is_accepted():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt(user_password="", owner_password="secretariat", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    file = upload("busan.pdf", output.getvalue())
    assert validate_document_file(file) == PDF
    assert "Busan" in extract_text(file, PDF)


# Refusals


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("picture.pdf", PNG),
        ("notes.txt", b"Busan declaration text\n"),
        ("notes.pdf", b"Busan declaration text\n"),
        ("archive.docx", make_zip([("readme.txt", "not a document")])),
        ("sheet.odt", make_zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet")])),
    ],
)
def test_content_that_is_not_a_document_is_refused(name, data):
    error = refusal(name, data)
    assert error.code == "unsupported_type"
    assert "not a PDF, ODT or DOCX document" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("busan.docx", make_pdf(), ".pdf"),
        ("charter.pdf", make_odt(), ".odt"),
        ("communique.odt", make_docx(), ".docx"),
        ("busan", make_pdf(), ".pdf"),
    ],
)
def test_a_name_that_does_not_match_the_content_is_refused(name, data, expected):
    error = refusal(name, data)
    assert error.code == "extension_mismatch"
    assert f"Rename it to end in “{expected}”" in error.messages[0]


def test_an_empty_file_is_refused():
    assert refusal("busan.pdf", b"").code == "empty"


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1000
    error = refusal("busan.pdf", make_pdf())
    assert error.code == "too_large"
    assert "the largest file accepted is 1000\xa0bytes" in error.messages[0]


def test_the_default_size_limit_is_20_mb(settings):
    del settings.DOCUMENT_UPLOAD_MAX_BYTES  # not set in forum/settings.py
    big = SimpleUploadedFile("big.pdf", b"")
    big.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        validate_document_file(big)
    assert error.value.code == "too_large"


def test_a_zip_bomb_is_refused_before_it_is_unpacked(settings):
    settings.DOCUMENT_UNPACKED_MAX_BYTES = 1024 * 1024
    data = make_zip(
        [("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", " " * 2 * 1024 * 1024)]
    )
    assert len(data) < 10_000
    error = refusal("bomb.docx", data)
    assert error.code == "too_large_unpacked"


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda data: data[: len(data) // 2],  # cut short: no zip directory
        lambda data: data[:60] + bytes(40) + data[100:],  # damaged member: bad CRC
    ],
    ids=["truncated", "damaged"],
)
def test_a_corrupt_zip_is_refused(corrupt):
    error = refusal("communique.docx", corrupt(make_docx(DOCX_CONTENT * 1)))
    assert error.code == "damaged"
    assert "damaged and cannot be read" in error.messages[0]


def test_an_xml_entity_bomb_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    assert refusal("bomb.docx", make_docx(bomb)).code == "damaged"


def test_a_broken_pdf_is_refused():
    error = refusal("broken.pdf", b"%PDF-1.7\n" + bytes(200))
    assert error.code == "damaged"


def test_a_pdf_that_needs_a_password_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    error = refusal("busan.pdf", output.getvalue())
    assert error.code == "encrypted"
    assert "protected by a password" in error.messages[0]


# Names


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("Charter 2021 (FINAL).PDF", PDF, "charter-2021-final.pdf"),
        ("C:\\Users\\me\\Déclaration de Busan.docx", DOCX, "declaration-de-busan.docx"),
        ("../../etc/passwd.odt", ODT, "passwd.odt"),
        ("Charter v1.2 draft.pdf", PDF, "charter-v1-2-draft.pdf"),
        ("憲章.odt", ODT, "document.odt"),
        ("report.pdf", DOCX, "report.docx"),
    ],
)
def test_file_names_are_sanitised(name, content_type, expected):
    assert sanitise_filename(name, content_type) == expected


def test_uploads_are_stored_under_the_sanitised_name():
    attachment = DocumentAttachment()
    assert attachment_upload_to(attachment, "Charter 2021 (FINAL).PDF") == (
        "documents/charter-2021-final.pdf"
    )


# The service


@pytest.mark.django_db
def test_prepare_fills_size_type_and_text_of_a_new_attachment(media):
    data = make_pdf()
    attachment = DocumentAttachment(
        document=Document.objects.get(slug="busan-declaration-2016"),
        file=SimpleUploadedFile("Busan Declaration (EN).PDF", data),
    )
    attachment_prepare(attachment=attachment)
    attachment.refresh_from_db()
    assert attachment.file.name == "documents/busan-declaration-en.pdf"
    assert (media / "documents" / "busan-declaration-en.pdf").read_bytes() == data
    assert attachment.size == len(data)
    assert attachment.content_type == PDF
    assert "Busan declaration text" in attachment.extracted_text


@pytest.mark.django_db
def test_prepare_renames_a_stored_file_with_an_unsafe_name(media):
    attachment = DocumentAttachment(document=Document.objects.get(slug="busan-declaration-2016"))
    attachment.file.name = attachment.file.storage.save(
        "documents/Old Name.odt", ContentFile(make_odt())
    )
    attachment.save()
    attachment_prepare(attachment=attachment)
    attachment.refresh_from_db()
    assert attachment.file.name == "documents/old-name.odt"
    assert sorted(path.name for path in (media / "documents").iterdir()) == ["old-name.odt"]
    assert attachment.content_type == ODT
    assert attachment.extracted_text.startswith("Montevideo Charter")


@pytest.mark.django_db
def test_prepare_refuses_a_stored_file_that_is_not_a_document(media):
    attachment = DocumentAttachment(document=Document.objects.get(slug="busan-declaration-2016"))
    attachment.file.name = attachment.file.storage.save("documents/x.pdf", ContentFile(PNG))
    attachment.save()
    with pytest.raises(ValidationError):
        attachment_prepare(attachment=attachment)
    attachment.refresh_from_db()
    assert attachment.content_type == ""


# The secretariat's admin form and the public page


@pytest.fixture
def secretariat(verified_login):
    user = get_user_model().objects.create_superuser(
        "secretariat", "secretariat@example.org", "a long enough passphrase"
    )
    return verified_login(user)


def edit_form_data(document, attachments, initial_attachments=0):
    """The Document edit form as the admin sends it, with its versions and signatures
    as they are, and the given attachment forms."""
    versions = [
        {
            "id": version.pk,
            "number": version.number,
            "title": version.title,
            "date": version.date.isoformat(),
            "summit": version.summit_id or "",
            "change_note": version.change_note,
            "text": version.text,
            "text_kind": version.text_kind,
            "text_note": version.text_note,
            "language": version.language,
            "summary": version.summary,
            "official_publisher": version.official_publisher,
            "official_url": version.official_url,
            "official_language": version.official_language,
            "official_format": version.official_format,
            "former_slug": version.former_slug,
        }
        for version in document.versions.all()
    ]
    signatures = [
        {
            "id": signature.pk,
            "version": signature.version_id or "",
            "member": signature.member_id,
            "act": signature.act,
            "date": signature.date.isoformat() if signature.date else "",
            "signer": signature.signer,
            "how": signature.how,
            "note": signature.note,
        }
        for signature in document.signatures.all()
    ]
    return nested_form_data(
        {
            "title": document.title,
            "slug": document.slug,
            "type": document.type,
            "date": document.date.isoformat(),
            "introduction": document.introduction,
            "summary": document.summary,
            "status": document.status,
            "superseded_by": document.superseded_by_id or "",
            "status_note": document.status_note,
            "versions": inline_formset(versions, initial=len(versions), min=1),
            "attachments": inline_formset(attachments, initial=initial_attachments),
            "summit": document.summit_id or "",
            "drafted_by_group": document.drafted_by_group_id or "",
            "drafted_by": document.drafted_by,
            "adoption": document.adoption,
            "principles": list(document.principles.values_list("pk", flat=True)),
            "signatures": inline_formset(signatures, initial=len(signatures)),
            "notes": document.notes,
            "sources": document.sources,
            "confidence": document.confidence,
            "confidence_note": document.confidence_note,
        }
    )


@pytest.mark.django_db
def test_the_secretariat_uploads_attachments_in_the_cms(secretariat, media):
    document = Document.objects.get(slug="busan-declaration-2016")
    url = f"/cms/snippets/documents/document/edit/{document.pk}/"

    # A picture named .pdf: the form comes back with the message and what was typed.
    data = edit_form_data(
        document,
        [
            {
                "title": "Busan Declaration",
                "language": "ko",
                "version": "",
                "file": upload("scan.pdf", PNG),
            }
        ],
    )
    data["notes"] = "Typed before the upload failed"
    response = secretariat.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This file is not a PDF, ODT or DOCX document." in html
    assert "Typed before the upload failed" in html
    assert not document.attachments.exists()
    assert not (media / "documents").exists()

    # A real PDF is saved under a clean name, with its size, type and text.
    pdf = make_pdf()
    data = edit_form_data(
        document,
        [{"title": "", "language": "en", "version": "", "file": upload("Busan (FINAL).pdf", pdf)}],
    )
    response = secretariat.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    attachment = document.attachments.get()
    assert attachment.file.name == "documents/busan-final.pdf"
    assert attachment.size == len(pdf)
    assert attachment.content_type == PDF
    assert "Busan declaration text" in attachment.extracted_text

    # Replacing the file with a DOCX updates the type and text.
    data = edit_form_data(
        document,
        [
            {
                "id": attachment.pk,
                "title": "",
                "language": "en",
                "version": "",
                "file": upload("Busan.docx", make_docx()),
            }
        ],
        initial_attachments=1,
    )
    response = secretariat.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    attachment.refresh_from_db()
    assert attachment.file.name == "documents/busan.docx"
    assert attachment.content_type == DOCX
    assert attachment.extracted_text.startswith("Lisbon")

    # The public page lists it.
    html = secretariat.get(document.get_absolute_url()).content.decode()
    download = f"/documents/busan-declaration-2016/files/{attachment.pk}/"
    assert f'href="{download}"' in html
    section = html[html.index('<section aria-labelledby="attachments">') :]
    assert "(language: EN, DOCX, under 1 KB)" in " ".join(section.split())

    # Anyone can download it, as an attachment under its clean name.
    response = Client().get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="busan.docx"'
    with attachment.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()

    # Its text is found by the list's word search.
    listing = Client().get("/documents/?q=Lisbon")
    assert [d.slug for d in listing.context["page"].object_list] == ["busan-declaration-2016"]


@pytest.mark.django_db
def test_an_unknown_file_is_404(client):
    assert client.get("/documents/busan-declaration-2016/files/999/").status_code == 404
