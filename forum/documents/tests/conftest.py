import datetime

import pytest

from forum.documents.models import Document, DocumentVersion, TextKind


@pytest.fixture
def official_document(db):
    """A declaration whose two versions the site holds word for word (the forum's real
    documents hold only the secretariat's summaries)."""
    document = Document.objects.create(
        slug="test-declaration",
        title="Test Declaration",
        type="declaration",
        date=datetime.date(2023, 5, 1),
        summary="The members agree to meet and to share.",
    )
    for number, (year, text) in enumerate(
        [
            (2022, "Meeting\nWe meet once a year.\n\nSharing\nWe share what works."),
            (2023, "Meeting\nWe meet once a year at a summit.\n\nPublishing\nWe publish it."),
        ],
        1,
    ):
        DocumentVersion.objects.create(
            document=document,
            number=number,
            sort_order=number,
            title="Test Declaration",
            date=datetime.date(year, 5, 1),
            text=text,
            text_kind=TextKind.OFFICIAL,
            language="en",
        )
    return document
