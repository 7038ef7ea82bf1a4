"""Practice.objects.published(), public(), visible_to(user) and editable_by(user)."""

import pytest

from django.contrib.auth.models import AnonymousUser

from forum.practices.models import Practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(make_practice, representative, other_representative):
    return {
        "ee-draft": make_practice(representative, title="ee draft"),
        "ee-public": make_practice(representative, title="ee public", status="published"),
        "ca-draft": make_practice(other_representative, title="ca draft"),
        "ca-submitted": make_practice(
            other_representative, title="ca submitted", status="submitted"
        ),
        "ca-members": make_practice(
            other_representative, title="ca members", status="published", visibility="members"
        ),
    }


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def test_published_and_public(practices):
    assert titles(Practice.objects.published()) == ["ca members", "ee public"]
    assert titles(Practice.objects.public()) == ["ee public"]


def test_visible_to(practices, representative, group_lead, secretariat, make_user):
    assert titles(Practice.objects.visible_to(AnonymousUser())) == ["ee public"]
    assert titles(Practice.objects.visible_to(make_user("", email="no-role@example.org"))) == [
        "ee public"
    ]
    for estonian in (representative, group_lead):
        assert titles(Practice.objects.visible_to(estonian)) == [
            "ca members",
            "ee draft",
            "ee public",
        ]
    assert len(titles(Practice.objects.visible_to(secretariat))) == 5
    representative.is_active = False
    assert titles(Practice.objects.visible_to(representative)) == ["ee public"]


def test_editable_by(practices, representative, other_representative, secretariat):
    assert titles(Practice.objects.editable_by(AnonymousUser())) == []
    assert titles(Practice.objects.editable_by(representative)) == ["ee draft", "ee public"]
    assert titles(Practice.objects.editable_by(other_representative)) == [
        "ca draft",
        "ca members",
        "ca submitted",
    ]
    assert len(titles(Practice.objects.editable_by(secretariat))) == 5
    for practice in practices.values():
        assert practice.can_edit(representative) == (practice.member_id == representative.member_id)
        assert practice.can_edit(secretariat)
        assert (
            practice.can_view(representative)
            == Practice.objects.visible_to(representative).filter(pk=practice.pk).exists()
        )
