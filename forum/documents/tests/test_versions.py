import hashlib
import json
import re

import pytest

from forum.documents.models import DocumentVersion, canonical_text

pytestmark = pytest.mark.django_db


def test_the_charter_shows_its_five_versions(client):
    response = client.get("/documents/dn-charter/")
    html = response.content.decode()
    titles = [v.title for v in response.context["versions"]]
    assert titles == [
        "D5 Charter",
        "D7 Charter",
        "D9 Charter",
        "Digital Nations Charter (2020 update)",
        "Digital Nations Charter (2021)",
    ]
    assert "5 versions" in html
    # Only two summaries are compared (the D9 and 2020 versions hold no text).
    assert 'href="/documents/dn-charter/compare/?from=1&amp;to=2"' in html
    assert "Compare the summaries with version 1" in html
    assert "compare/?from=4&amp;to=5" not in html and "compare/?from=2&amp;to=3" not in html
    assert "The secretariat's summary of the text" in html
    assert "Co-creation and experimentation" in html


def test_a_version_page_shows_its_text_signatories_and_neighbours(client):
    response = client.get("/documents/dn-charter/versions/2/")
    html = response.content.decode()
    assert "<h1>D7 Charter</h1>" in html
    assert "Version 2 of 5 of the Digital Nations Charter" in html
    assert "This is not the current version." in html
    assert "Teaching children to code" in html
    assert [s.member.iso_code for s in response.context["signatures"]] == ["CA", "UY"]
    assert "Joyce Murray, Parliamentary Secretary" in html
    assert "in person" in html
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_a_version_without_published_text_says_so(client):
    html = client.get("/documents/dn-charter/versions/3/").content.decode()
    assert "The wording of this version has not been found in public sources" in html
    assert "Checksum" not in html
    assert client.get("/documents/dn-charter/versions/3.txt").status_code == 404


def test_unknown_version_is_404(client):
    assert client.get("/documents/dn-charter/versions/9/").status_code == 404


def test_the_old_address_of_a_charter_version_leads_to_it(client):
    response = client.get("/documents/d7-charter-2018/")
    assert response.status_code == 301
    assert response["Location"] == "/documents/dn-charter/versions/2/"


def test_checksum_is_the_sha256_of_the_downloadable_text(client, official_document):
    html = client.get("/documents/test-declaration/versions/1/").content.decode()
    shown = re.search(r'<code class="checksum">([0-9a-f]{64})</code>', html)[1]
    download = client.get("/documents/test-declaration/versions/1.txt")
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert hashlib.sha256(download.content).hexdigest() == shown
    assert download.content.decode().startswith("Meeting\nWe meet once a year.")


def test_a_summary_is_not_authoritative_and_has_no_checksum(client):
    html = client.get("/documents/dn-charter/versions/1/").content.decode()
    assert "The secretariat's summary of the text" in html
    assert "It is not the signed wording of the Charter." in html
    assert "authoritative" not in html and "courtesy translation" not in html
    assert "Checksum" not in html and 'class="checksum"' not in html
    # Its plain text can still be downloaded, said to be the summary.
    assert "The secretariat's summary of version 1, as plain text" in html
    download = client.get("/documents/dn-charter/versions/1.txt")
    assert download.content.decode().startswith("User needs\nPublic services are designed")


def test_canonical_text_normalises_what_does_not_change_meaning():
    assert canonical_text("Cafe\u0301  \r\nline two\r\n\r\n\r\n") == "Caf\u00e9\nline two\n"
    assert canonical_text("") == ""


def test_authoritative_language_is_stated_for_an_official_text(client, official_document):
    html = client.get("/documents/test-declaration/").content.decode()
    assert "The English text is the authoritative (signed) text." in html
    assert "courtesy translation" in html
    assert "Where the official text is" not in html  # the site holds it


def test_how_to_cite_has_a_permanent_link(client):
    html = client.get("/documents/dn-charter/").content.decode()
    assert "How to cite" in html
    # The title once, then the version and its permanent link.
    assert "Digital Nations (2021). Digital Nations Charter, version 5. <a href=" in html
    assert "http://testserver/documents/dn-charter/versions/5/" in html


def test_structured_data_and_open_graph(client):
    html = client.get("/documents/data-360-declaration-2019/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    data = json.loads(block)
    assert data["@type"] == "DigitalDocument"
    assert data["name"] == "Digital Nations Data 360° Declaration"
    assert data["datePublished"] == "2019-11"
    assert data["url"] == "http://testserver/documents/data-360-declaration-2019/"
    assert '<meta property="og:title" content="Digital Nations Data 360° Declaration">' in html


def test_status_is_shown_and_filterable(client):
    from forum.documents.models import Document

    Document.objects.filter(slug="busan-declaration-2016").update(
        status="superseded",
        superseded_by=Document.objects.get(slug="dn-charter"),
        status_note="Its admission rules now stand in the Charter.",
    )
    html = client.get("/documents/busan-declaration-2016/").content.decode()
    assert "Superseded." in html
    assert 'It has been replaced by <a href="/documents/dn-charter/">' in html
    listing = client.get("/documents/?status=superseded")
    assert [d.slug for d in listing.context["page"].object_list] == ["busan-declaration-2016"]


def test_withdrawn_document_shows_its_notice(client):
    from forum.documents.models import Document

    Document.objects.filter(slug="dn-communique-2022").update(
        status="withdrawn", status_note="Published in error; the final text will follow."
    )
    html = client.get("/documents/dn-communique-2022/").content.decode()
    assert "Withdrawn." in html
    assert "Published in error; the final text will follow." in html


def test_versions_are_numbered_once_per_document():
    from django.db import IntegrityError

    version = DocumentVersion.objects.get(document__slug="dn-charter", number=1)
    version.pk = None
    with pytest.raises(IntegrityError):
        version.save()
