"""Files of practices: checked by content, stored under unguessable names, served only
to those who may read the practice."""

import io

import pytest
from pypdf import PdfWriter

from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)


def make_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def edit_data(practice, **values):
    return {
        "title": practice.title,
        "summary": practice.summary,
        "problem": practice.problem,
        "approach": practice.approach,
        "results": practice.results,
        "visibility": practice.visibility,
        **values,
    }


def test_a_pdf_is_added_named_safely_and_served(
    client_for, client, make_practice, representative, secretariat
):
    practice = make_practice(representative, status="published", visibility="public")
    editor = client_for(representative)
    upload = SimpleUploadedFile("Annual Report (FINAL).PDF", make_pdf(), "application/pdf")
    response = editor.post(
        f"{practice.get_workspace_url()}edit/",
        edit_data(practice, new_attachment=upload, attachment_title="Annual report"),
    )
    assert response.status_code == 302
    # The practice is published: the file is its once the secretariat publishes the change.
    assert not practice.attachments.exists()
    client_for(secretariat).post(f"{practice.get_workspace_url()}publish/")
    attachment = practice.attachments.get()
    assert attachment.title == "Annual report"
    assert attachment.content_type == "application/pdf"
    assert attachment.size > 0
    folder, random, name = attachment.file.name.split("/")
    assert (folder, name) == ("practices", "annual-report-final.pdf")
    assert len(random) == 16

    html = client.get(practice.get_absolute_url()).content.decode()
    public_url = f"/practices/{practice.slug}/files/{attachment.pk}/"
    assert f'href="{public_url}"' in html
    response = client.get(public_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_files_of_members_only_practices_are_not_public(
    client_for, client, make_practice, representative, other_representative
):
    practice = make_practice(representative, status="published", visibility="members")
    practice.attachments.create(
        file=SimpleUploadedFile("plan.pdf", make_pdf()), content_type="application/pdf"
    )
    attachment = practice.attachments.get()
    assert client.get(f"/practices/{practice.slug}/files/{attachment.pk}/").status_code == 404
    url = f"{practice.get_workspace_url()}files/{attachment.pk}/"
    assert client.get(url).status_code == 302  # to the sign-in page
    assert client_for(other_representative).get(url).status_code == 200


def test_a_file_that_is_not_a_document_is_refused_and_the_text_kept(
    client_for, make_practice, representative
):
    practice = make_practice(representative)
    upload = SimpleUploadedFile("photo.pdf", PNG, "application/pdf")
    response = client_for(representative).post(
        f"{practice.get_workspace_url()}edit/",
        edit_data(practice, summary="Typed before the upload failed.", new_attachment=upload),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_new_attachment"' in html
    assert "not a PDF, ODT or DOCX document" in html
    assert "Typed before the upload failed." in html
    assert "Choose the file to add again" in html
    assert not practice.attachments.exists()


def test_a_file_can_be_removed(client_for, make_practice, representative):
    practice = make_practice(representative)
    practice.attachments.create(
        file=SimpleUploadedFile("plan.pdf", make_pdf()), content_type="application/pdf"
    )
    attachment = practice.attachments.get()
    response = client_for(representative).post(
        f"{practice.get_workspace_url()}edit/",
        edit_data(practice, remove_attachments=[attachment.pk]),
    )
    assert response.status_code == 302
    assert not practice.attachments.exists()
