import pytest

from django.contrib.auth import get_user_model

from forum.documents.models import Document
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.news.models import NewsItem
from forum.principles.models import Principle
from forum.summits.models import Summit

pytestmark = pytest.mark.django_db

MODELS = [Member, Summit, WorkingGroup, Document, Principle, NewsItem]


@pytest.fixture
def secretariat(verified_login):
    """A superuser signed in and verified with two-factor authentication, as /cms/ needs."""
    user = get_user_model().objects.create_superuser(
        "secretariat", "secretariat@example.org", "a long enough passphrase"
    )
    return verified_login(user)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_secretariat_can_list_and_edit_every_record_in_the_cms(secretariat, model):
    opts = model._meta
    listing = secretariat.get(f"/cms/snippets/{opts.app_label}/{opts.model_name}/")
    assert listing.status_code == 200
    record = model.objects.first()
    assert str(record) in listing.content.decode()
    edit = secretariat.get(f"/cms/snippets/{opts.app_label}/{opts.model_name}/edit/{record.pk}/")
    assert edit.status_code == 200


def test_an_edit_in_the_cms_is_saved(secretariat):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    group = WorkingGroup.objects.get(slug="digital-identity")
    data = nested_form_data(
        {
            "name": group.name,
            "slug": group.slug,
            "other_names": "eID",
            "status": "active",
            "established": "2015-11-01",
            "established_summit": group.established_summit_id,
            "lead": Member.objects.get(iso_code="EE").pk,
            "focus": group.focus,
            "participants": [],
            "lead_history": inline_formset([]),
            "sources": group.sources,
            "confidence": "medium",
            "confidence_note": "",
        }
    )
    response = secretariat.post(f"/cms/snippets/groups/workinggroup/edit/{group.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    group.refresh_from_db()
    assert group.lead.iso_code == "EE"
    assert group.other_names == "eID"


def test_the_public_cannot_reach_the_cms(client):
    response = client.get("/cms/snippets/members/member/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
