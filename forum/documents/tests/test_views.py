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


def signatory_rows(html: str) -> int:
    section = html[html.index('id="signatories"') :]
    return section[: section.index("</section>")].count('<th scope="row"><a href="/members/')


def test_a_document_page_kept_for_a_content_version_shows_a_change_at_once(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """The Charter's graph and page body are kept per content version: read once, then
    drawn from the cache, and a change to one of its versions or signatures shows on the
    next request."""
    from forum.documents.models import DocumentVersion, Signature

    client.get("/documents/dn-charter/versions/5/")
    before = signatory_rows(client.get("/documents/dn-charter/").content.decode())
    assert before == Signature.objects.filter(version__document__slug="dn-charter").count()
    with django_assert_max_num_queries(2):
        client.get("/documents/dn-charter/")
    with django_capture_on_commit_callbacks(execute=True):
        version = DocumentVersion.objects.get(document__slug="dn-charter", number=5)
        version.summary = "The fifth Charter, as the secretariat now sums it up."
        version.save()
        Signature.objects.filter(version=version, member__iso_code="DK").delete()
    html = client.get("/documents/dn-charter/").content.decode()
    assert "The fifth Charter, as the secretariat now sums it up." in html
    assert signatory_rows(html) == before - 1
    version_page = client.get("/documents/dn-charter/versions/5/").content.decode()
    assert "The fifth Charter, as the secretariat now sums it up." in version_page
