"""The decisions the loader derives from the forum's records."""

import pytest

from forum.decisions.models import Decision, DecisionBasis, DecisionStatus
from forum.summits.models import Summit

pytestmark = pytest.mark.django_db


def summit_2021():
    return Summit.objects.get(year=2021)


def test_the_2021_summit_renewed_the_charter_with_its_source():
    decisions = Decision.objects.of_summit(summit_2021())
    renewed = decisions.get(basis=DecisionBasis.RENEWED)
    assert renewed.status == DecisionStatus.DONE
    assert renewed.document_version.document.type == "charter"
    assert renewed.document_version.summit == summit_2021()
    assert renewed.source_list
    assert set(renewed.source_list) <= set(renewed.document_version.document.source_list)
    assert renewed.heading.startswith("Charter renewed: ")


def test_every_document_version_presented_at_a_summit_is_a_decision_done():
    from forum.documents.models import DocumentVersion

    versions = DocumentVersion.objects.filter(summit__isnull=False)
    derived = Decision.objects.exclude(document_version=None)
    assert derived.count() == versions.count() > 0
    assert set(derived.values_list("status", flat=True)) == {DecisionStatus.DONE}
    for decision in derived.select_related("document_version"):
        assert decision.summit_id == decision.document_version.summit_id


def test_groups_set_up_at_a_summit_are_decisions_done():
    from forum.groups.models import WorkingGroup

    for group in WorkingGroup.objects.filter(established_summit__isnull=False):
        decision = Decision.objects.get(key=f"started/{group.slug}")
        assert decision.summit_id == group.established_summit_id
        assert decision.group == group
        assert decision.status == DecisionStatus.DONE
        assert decision.sources == group.sources
        assert group.name in decision.heading


def test_loading_again_changes_nothing_and_keeps_an_edit():
    from django.core.management import call_command

    decision = Decision.objects.filter(basis=DecisionBasis.ADOPTED).first()
    decision.status = DecisionStatus.IN_PROGRESS
    decision.save()
    count = Decision.objects.count()
    call_command("load_forum_data", verbosity=0)
    assert Decision.objects.count() == count
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IN_PROGRESS


def test_the_2021_summit_decided_what_its_records_prove():
    headings = {d.heading for d in Decision.objects.of_summit(summit_2021())}
    assert {
        "Charter renewed: Digital Nations Charter (2021)",
        "Adopted: Digital Nations Ministerial Communiqué 2021",
    } <= headings
    assert set(Decision.objects.of_summit(summit_2021()).values_list("status", flat=True)) == {
        DecisionStatus.DONE
    }


def test_the_first_charter_is_adopted_under_its_own_title():
    decision = Decision.objects.get(key="adopted/dn-charter/1")
    assert decision.heading == "Adopted: D5 Charter"
