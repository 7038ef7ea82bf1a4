import pytest

from django.core.management import call_command

from forum.documents.models import Document
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.principles.models import Principle
from forum.site.loading import forum_data_load
from forum.site.models import AboutPage, ForumName, HomePage
from forum.summits.models import Summit

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Member, Summit, WorkingGroup, Document, Principle, ForumName)
    }


def test_loader_loads_the_forum():
    assert counts() == {
        "Member": 10,
        "Summit": 10,
        "WorkingGroup": 6,
        "Document": 8,
        "Principle": 14,
        "ForumName": 4,
    }
    assert Principle.objects.current().count() == 10
    assert HomePage.objects.live().count() == 1
    assert AboutPage.objects.get().url == "/about/"


def test_loading_twice_changes_nothing():
    before = counts()
    report = forum_data_load()
    assert (report.created, report.updated, report.kept) == ([], [], [])
    assert counts() == before


def test_an_edit_made_in_the_cms_is_kept_unless_forced():
    estonia = Member.objects.get(iso_code="EE")
    estonia.government_body = "Ministry of Justice and Digital Affairs"
    estonia.save()

    report = forum_data_load()
    assert report.kept == ["members.Member:EE"]
    estonia.refresh_from_db()
    assert estonia.government_body == "Ministry of Justice and Digital Affairs"

    report = forum_data_load(force=True)
    assert report.updated == ["members.Member:EE"]
    estonia.refresh_from_db()
    assert estonia.government_body == (
        "Ministry of Economic Affairs and Communications of the Republic of Estonia"
    )


def test_the_command_reports_what_it_did(capsys):
    call_command("load_forum_data")
    assert "0 created, 0 updated, 0 kept" in capsys.readouterr().out


def test_the_command_refuses_a_missing_file():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No such file"):
        call_command("load_forum_data", "/nonexistent/forum.yaml")


def test_the_seven_seed_documents_carry_the_seed_dates_and_texts():
    seeded = Document.objects.listed().exclude(introduction="")
    assert [(d.slug, d.date.strftime("%Y-%m")) for d in seeded] == [
        ("dn-communique-2022", "2022-11"),
        ("dn-charter", "2021-11"),
        ("dn-communique-2021", "2021-11"),
        ("dn-sustainable-digital-government-2021", "2021-11"),
        ("data-360-declaration-2019", "2019-11"),
        ("d9-ai-shared-approach-2018", "2018-11"),
        ("busan-declaration-2016", "2016-11"),
    ]
    busan = Document.objects.get(slug="busan-declaration-2016")
    assert busan.introduction.startswith("Busan declaration indicates the future of the D5")


def test_relations_are_resolved_from_the_data():
    data360 = Document.objects.get(slug="data-360-declaration-2019")
    assert data360.drafted_by_group.name == "Data 360"
    assert data360.summit.city == "Montevideo"
    assert Member.objects.get(iso_code="DK").joined_summit.number == 6
    assert WorkingGroup.objects.get(slug="digital-governance").established_summit.city == "Seoul"
    charter = Document.objects.get(slug="dn-charter")
    assert [v.signatures.count() for v in charter.versions.order_by("number")] == [5, 2, 9, 1, 10]
    assert Principle.objects.get(slug="teaching-children-to-code").replaced_by.slug == (
        "digital-skills-training"
    )


def test_a_member_signs_a_version_once(monkeypatch):
    from forum.documents.models import Signature
    from forum.site import loading

    # The D7 Charter once listed Canada twice (two people signed for it).
    d7 = Signature.objects.filter(version__document__slug="dn-charter", version__number=2)
    assert sorted(d7.values_list("member__iso_code", flat=True)) == ["CA", "UY"]

    read = loading.read_data

    def doubled(path=None):
        data, site = read(path)
        entries = site["derived"]["signatories"]["d7-charter-2018"]
        entries.append({"members": ["CA"], "act": "signed", "how": "remote"})
        return data, site

    monkeypatch.setattr(loading, "read_data", doubled)
    with pytest.raises(ValueError, match="d7-charter-2018 name CA more than once"):
        forum_data_load(force=True)
