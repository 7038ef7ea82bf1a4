"""An upload's size is capped while the body streams in (forum.core.uploads.
CappedUploadHandler): past the cap nothing more is kept, and the form says how large
the file was, with everything else that was typed kept."""

import pytest

from django.core.files.uploadhandler import FileUploadHandler
from django.test import RequestFactory
from django.test.client import encode_multipart

pytestmark = pytest.mark.django_db

LIMIT = 100_000
CHUNK = 64 * 1024


class Recorder(FileUploadHandler):
    """Stands for the handlers after the cap: counts what reaches them."""

    seen = 0

    def receive_data_chunk(self, raw_data, start):
        Recorder.seen += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


def test_the_cap_holds_while_the_body_streams(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = LIMIT
    settings.FILE_UPLOAD_HANDLERS = [
        "forum.core.uploads.CappedUploadHandler",
        f"{__name__}.Recorder",
    ]
    Recorder.seen = 0
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 2_000_000, "application/pdf")
    body = encode_multipart("BOUNDARY", {"title": "Kept", "new_attachment": big})
    request = RequestFactory().generic(
        "POST", "/", body, content_type="multipart/form-data; boundary=BOUNDARY"
    )
    upload = request.FILES["new_attachment"]
    assert upload.size == 2_000_005  # the size sent, for the message
    assert upload.read() == b""  # none of it kept
    assert Recorder.seen <= LIMIT + CHUNK  # the rest went nowhere
    assert request.POST["title"] == "Kept"


def test_a_file_over_the_cap_is_refused_and_the_form_keeps_what_was_typed(
    settings, client_for, make_practice, representative
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DOCUMENT_UPLOAD_MAX_BYTES = LIMIT
    practice = make_practice(representative)  # a draft
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 300_000, "application/pdf")
    response = client_for(representative).post(
        f"{practice.get_workspace_url()}edit/",
        {
            "title": "A title typed just now",
            "summary": practice.summary,
            "problem": practice.problem,
            "approach": practice.approach,
            "results": practice.results,
            "visibility": practice.visibility,
            "new_attachment": big,
            "attachment_title": "The big report",
        },
    )
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "the largest file accepted is 97.7\xa0KB" in html
    assert 'value="A title typed just now"' in html
    assert 'value="The big report"' in html
    assert not practice.attachments.exists()


def test_too_many_fields_is_a_400_not_a_500(client):
    response = client.post("/alerts/subscribe/?list=news", {f"f{n}": "x" for n in range(1500)})
    assert response.status_code == 400
