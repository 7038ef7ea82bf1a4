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
    assert "Sources differ on whether it was presented, supported or signed" in html


def test_charter_2021_is_signed_by_the_ten(client):
    response = client.get("/documents/dn-charter/")
    signatures = response.context["document"].signatures.all()
    assert len([s for s in signatures if s.version.number == 5]) == 10


def test_document_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/documents/")
    Document.objects.bulk_create(
        Document(slug=f"extra-{n}", title=f"Extra {n}", type="report", date="2010-01-01")
        for n in range(40)
    )
    with django_assert_max_num_queries(6):
        client.get("/documents/")
