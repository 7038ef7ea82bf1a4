import pytest

from forum.documents.models import Document

pytestmark = pytest.mark.django_db


def test_documents_newest_first_grouped_by_month(client):
    response = client.get("/documents/")
    html = response.content.decode()
    months = ["November 2022", "November 2021", "November 2019", "November 2018", "November 2016"]
    positions = [html.index(f">{month}</time></h2>") for month in months]
    assert positions == sorted(positions)
    assert html.count(">November 2021</time></h2>") == 1  # three documents, one heading
    assert "Drafted by the Data 360 working group, this shared declaration" in html


def test_document_page_shows_summit_drafting_group_and_signatories(client):
    response = client.get("/documents/data-360-declaration-2019/")
    html = response.content.decode()
    assert "<h1>Digital Nations Data 360° Declaration</h1>" in html
    assert 'href="/summits/2019-montevideo/"' in html
    assert 'href="/working-groups/data-360/"' in html
    assert 'href="/members/ee/"' in html and 'href="/members/uy/"' in html
    assert "Sources differ on whether it was presented, supported or signed" not in html


def test_charter_2021_is_signed_by_the_ten(client):
    response = client.get("/documents/dn-charter/")
    signatures = response.context["document"].signatures.all()
    assert len([s for s in signatures if s.version.number == 5]) == 10


def add_documents(count):
    import datetime

    from forum.documents.models import DocumentVersion, Signature
    from forum.members.models import Member

    estonia = Member.objects.get(iso_code="EE")
    start = Document.objects.count()
    documents = Document.objects.bulk_create(
        Document(
            slug=f"extra-{n}",
            title=f"Extra report {n}",
            type="report",
            status="published",
            date="2010-01-01",
            first_date="2010-01-01",
        )
        for n in range(start, count)
    )
    versions = DocumentVersion.objects.bulk_create(
        DocumentVersion(
            document=d, number=1, title=d.title, date=datetime.date(2010, 1, 1), year=2010
        )
        for d in documents
    )
    Signature.objects.bulk_create(
        Signature(document=v.document, version=v, member=estonia) for v in versions
    )


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from forum.core.models import ContentClock

    ContentClock.touch()  # as the writes would once committed: nothing kept is used
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/documents/",
        "/documents/?type=report&member=ee&sort=oldest",
        "/documents/?year=2010&sort=oldest",
        "/documents/?summit=2018-jerusalem",
    ],
)
def test_document_list_query_count_does_not_grow(client, url):
    add_documents(10)
    at_ten = queries_for(client, url)
    add_documents(500)
    assert Document.objects.count() == 500
    assert queries_for(client, url) == at_ten
    assert at_ten <= 12
