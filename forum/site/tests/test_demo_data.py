import pytest

from django.core.management import CommandError, call_command

from wagtail.search.models import IndexEntry

from forum.accounts.models import Invitation, User
from forum.decisions.models import Decision
from forum.documents.models import Document, DocumentVersion, Signature
from forum.members.models import DirectoryEntry
from forum.practices.models import Practice, PracticeStatus, Visibility
from forum.site.demo import PREFIX, demo_data_clear, demo_data_counts, demo_data_generate
from forum.statements.models import Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    demo_data_generate(documents=6, practices=12, people=4, seed=3)


def demo_documents():
    return Document.objects.filter(slug__startswith=PREFIX)


def test_generated_records_are_valid(demo):
    assert demo_data_counts() == {"documents": 6, "practices": 12, "people": 4 + 20}
    for document in demo_documents():
        document.full_clean()
        versions = list(document.versions.all())
        assert 1 <= len(versions) <= 3
        assert [v.number for v in versions] == list(range(1, len(versions) + 1))
        for version in versions:
            version.full_clean()
    for signature in Signature.objects.filter(document__in=demo_documents()):
        signature.full_clean()
        assert signature.member.joined_year <= signature.document.date.year
    for practice in Practice.objects.filter(slug__startswith=PREFIX):
        practice.full_clean()
        assert practice.themes.exists()
        assert all(author.member_id == practice.member_id for author in practice.authors.all())
    for person in User.objects.filter(username__startswith=PREFIX):
        person.full_clean()
        assert not person.has_usable_password()
        assert person.directory_entry
        assert Invitation.objects.get(user=person).is_used


def test_demo_documents_are_in_the_list_its_filters_and_the_search(demo, client):
    document = demo_documents().filter(signatures__isnull=False).first()
    url = document.get_absolute_url()
    member = document.signatures.first().member.iso_code.lower()
    words = document.title

    assert client.get(url).status_code == 200
    for query in (
        {"member": member},
        {"type": document.type, "year": document.date.year},
        {"q": words},
    ):
        response = client.get("/documents/", query)
        assert response.status_code == 200
        assert url in response.content.decode(), query
    response = client.get("/search/", {"q": words, "kind": "documents"})
    assert url in response.content.decode()


def test_public_practices_are_published_and_the_others_are_not(demo, client):
    demo_practices = Practice.objects.filter(slug__startswith=PREFIX)
    public = demo_practices.public()
    hidden = demo_practices.exclude(pk__in=public)
    assert public.exists() and hidden.exists()
    listed = client.get("/practices/").content.decode()
    for practice in public:
        assert practice.get_absolute_url() in listed
    for practice in hidden:
        assert practice.get_absolute_url() not in listed
        assert client.get(practice.get_absolute_url()).status_code == 404
    members_only = demo_practices.filter(
        status=PracticeStatus.PUBLISHED, visibility=Visibility.MEMBERS
    )
    assert all(practice.revisions.count() == 1 for practice in members_only)


def test_people_are_in_the_directory_for_members_only(demo, client, login, representative):
    person = User.objects.filter(username__startswith=f"{PREFIX}person-").first()
    address = f"/workspace/directory/{person.pk}/"
    assert client.get(address).status_code == 302
    response = login(representative).get(address)
    assert response.status_code == 200
    assert person.last_name in response.content.decode()


def test_each_member_with_representatives_has_a_few_current_statements(demo, client):
    current = Statement.objects.current()
    assert current.count() >= 10
    per_member = {}
    for statement in current:
        per_member[statement.member_id] = per_member.get(statement.member_id, 0) + 1
        assert statement.drafted_by.username.startswith(PREFIX)
    assert set(per_member.values()) <= {1, 2, 3}
    statement = current.select_related("principle").first()
    html = client.get(statement.principle.get_absolute_url()).content.decode()
    assert statement.text.split(".")[0] in html


def test_the_same_seed_makes_the_same_records_and_a_second_run_only_tops_up():
    demo_data_generate(documents=3, practices=2, people=2, seed=7)
    first = list(demo_documents().order_by("slug").values_list("slug", "title", "summary"))
    demo_data_clear()
    demo_data_generate(documents=3, practices=2, people=2, seed=7)
    assert list(demo_documents().order_by("slug").values_list("slug", "title", "summary")) == (
        first
    )

    report = demo_data_generate(documents=3, practices=2, people=2, seed=7)
    assert not any(report.created.values())
    report = demo_data_generate(documents=5, seed=7)
    assert report.created == {"documents": 2}
    assert demo_documents().count() == 5


def test_clear_removes_the_demo_records_and_nothing_else(demo, client):
    real = {
        "documents": Document.objects.exclude(slug__startswith=PREFIX).count(),
        "versions": DocumentVersion.objects.exclude(document__slug__startswith=PREFIX).count(),
        "index": IndexEntry.objects.count()
        - 6
        - 12
        - Statement.objects.count()
        - Decision.objects.filter(key__startswith=f"{PREFIX}decision-").count(),
        "statements": Statement.objects.exclude(drafted_by__username__startswith=PREFIX).count(),
    }
    word = demo_documents().first().title

    call_command("generate_demo_data", "--clear", verbosity=0)

    assert demo_data_counts() == {"documents": 0, "practices": 0, "people": 0}
    assert real == {
        "documents": Document.objects.count(),
        "versions": DocumentVersion.objects.count(),
        "index": IndexEntry.objects.count(),
        "statements": Statement.objects.count(),
    }
    assert not DirectoryEntry.objects.exists()
    assert not Invitation.objects.exists()
    assert PREFIX not in client.get("/search/", {"q": word}).content.decode()


def test_the_command_says_what_it_made(capsys):
    call_command("generate_demo_data", "--documents=2", "--people=1")
    out = capsys.readouterr().out
    assert "Created 2 documents, 1 people" in out
    assert "Demo records now: 2 documents, 0 practices, 1 people." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Say what to make"),
        (["--documents=-1"], "give a number from 0"),
        (["--documents=many"], "is not a whole number"),
    ],
)
def test_the_command_refuses_bad_arguments(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_demo_data", *args)


def test_demo_decisions_are_listed_searched_cleared_and_their_pages_do_not_grow(client):
    """Demo decisions (one for 20 demo documents) with their carriers, principles and
    progress: on /decisions/ and their own page, found by the search, removed by --clear;
    the list and a decision's page ask the same number of queries at 5 and at 300."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from forum.core.models import ContentClock
    from forum.decisions.models import Decision, ProgressNote
    from forum.site.demo import Generator

    real = Decision.objects.count()
    generator = Generator(seed=3, progress=lambda message: None)
    assert generator.decisions(5) == 5
    demo = Decision.objects.filter(key__startswith=f"{PREFIX}decision-").order_by("key")
    assert demo.count() == 5
    first = demo.first()
    assert first.members.exists() and first.principles.exists()
    ContentClock.touch()

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    few, html = queries("/decisions/")
    assert "10 decisions" not in html and f"{real + 5} decisions" in html
    page_few, page = queries(first.get_absolute_url())
    assert first.title in page
    assert first.get_absolute_url() in client.get("/search/", {"q": first.title}).content.decode()
    assert generator.decisions(300) == 295
    assert ProgressNote.objects.filter(decision__key__startswith=f"{PREFIX}decision-").exists()
    ContentClock.touch()
    many, html = queries("/decisions/")
    assert f"{real + 300} decisions" in html
    assert many == few <= 10
    assert queries(first.get_absolute_url())[0] == page_few <= 10
    demo_data_clear()
    assert Decision.objects.count() == real
    assert not ProgressNote.objects.filter(decision__key__startswith=f"{PREFIX}decision-").exists()
