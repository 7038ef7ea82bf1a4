"""Asking a question, and who is told about it first."""

import pytest

from forum.core.models import AuditEntry
from forum.notifications.models import Notification, NotificationKind
from forum.practices.models import Practice
from forum.questions.models import Question

pytestmark = pytest.mark.django_db

NEW = "/workspace/questions/new/"


def told(kind=NotificationKind.QUESTION_IN_GROUP):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_the_form_has_a_label_for_every_field(representative, login):
    response = login(representative).get(NEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    for name in ("title", "body", "group", "themes", "documents"):
        assert f'<label for="id_{name}">' in html
    assert "<legend>Principles" in html
    assert html.count('name="principles"') == 14  # every principle, current or not
    assert '<option value="" selected>All members</option>' in html


def test_an_invalid_question_is_shown_again_with_what_was_typed(representative, login):
    response = login(representative).post(
        NEW,
        {
            "title": "",
            "body": "We are choosing a cloud for health data.",
            "themes": "cloud, health data",
            "documents": "dn-charter, no-such-document",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<div class="error-summary"' in html
    assert '<a href="#id_title">Your question: This field is required.</a>' in html
    assert 'href="#id_documents"' in html
    assert "Not found: no-such-document." in html
    assert "We are choosing a cloud for health data." in html
    assert "cloud, health data" in html or "&quot;health data&quot;" in html
    assert "dn-charter, no-such-document" in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_title_error' in html
    assert html.count("<h1>") == 1
    assert "<title>Error:" in html
    assert not Question.objects.exists()


def test_asking_all_members_reaches_the_leads_of_groups_on_those_principles(
    representative, group_lead, other_representative, make_user, join, login
):
    ai_lead = join(make_user("group-lead", member="MX"), "artificial-intelligence", lead=True)
    response = login(representative).post(
        NEW,
        {
            "title": "How do you publish open data safely?",
            "body": "Our statistics office asks.",
            "principles": [p.pk for p in _principles("open-government")],
            "themes": "open data, statistics",
            "documents": "dn-charter\nhttps://example.org/documents/data-360-declaration-2019/",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/questions/{question.pk}/"
    assert question.asker == representative
    assert question.group is None
    assert sorted(question.themes.names()) == ["open data", "statistics"]
    assert [d.slug for d in question.documents.order_by("slug")] == [
        "data-360-declaration-2019",
        "dn-charter",
    ]
    assert AuditEntry.objects.filter(action="question.ask", object_id=str(question.pk)).exists()

    # Data 360's declaration carries "Open government": its lead is told; the AI group's
    # documents do not, nor is anyone else.
    assert told() == {group_lead.email}
    assert ai_lead.email not in told()
    notification = Notification.objects.get(recipient=group_lead)
    assert notification.subject == "New question: How do you publish open data safely?"
    assert notification.url == question.get_absolute_url()
    assert "Our statistics office asks." in notification.body

    html = login(representative).get(question.get_absolute_url()).content.decode()
    assert "1 person was told about it first." in html


def test_a_principle_on_several_groups_documents_reaches_each_lead(
    representative, group_lead, make_user, join, ask
):
    ai_lead = join(make_user("group-lead", member="MX"), "artificial-intelligence", lead=True)
    ask(representative, principles=["necessary-safeguards"])
    assert told() == {group_lead.email, ai_lead.email}


def test_a_question_to_a_group_reaches_its_members_and_nobody_outside(
    group_lead, make_user, join, ask
):
    member = join(make_user("representative", member="DK"), "data-360")
    ai_lead = join(make_user("group-lead", member="MX"), "artificial-intelligence", lead=True)
    asker = join(make_user("representative", member="PT"), "data-360")
    ask(
        asker,
        "Shall we map data catalogues?",
        group="data-360",
        principles=["necessary-safeguards"],
    )
    # The AI group's lead works on that principle but is not in Data 360.
    assert told() == {group_lead.email, member.email}
    assert ai_lead.email not in told()


def test_without_principles_or_group_nobody_is_singled_out(representative, group_lead, ask):
    ask(representative, themes=["procurement"])
    assert told() == set()


def test_members_with_published_practices_on_the_topics_are_told(
    representative, other_representative, make_user, ask
):
    from forum.members.models import Member

    canada = Member.objects.get(iso_code="CA")
    denmark = Member.objects.get(iso_code="DK")
    published = Practice.objects.create(
        member=canada, title="Canada's open data portal", slug="ca-open-data", status="published"
    )
    published.themes.add("Open data")
    draft = Practice.objects.create(
        member=denmark, title="Denmark's data drafts", slug="dk-data", status="draft"
    )
    draft.themes.add("Open data")
    dane = make_user("representative", member="DK")

    ask(representative, themes=["open data"])  # matched whatever the case
    assert told() == {other_representative.email}
    assert dane.email not in told()


def test_practices_on_a_principle_count_too(representative, other_representative, ask):
    from forum.members.models import Member
    from forum.principles.models import Principle

    practice = Practice.objects.create(
        member=Member.objects.get(iso_code="CA"),
        title="Service standard",
        slug="ca-service-standard",
        status="published",
    )
    practice.principles.add(Principle.objects.get(slug="user-needs"))
    ask(representative, principles=["user-needs"])
    assert told() == {other_representative.email}


def _principles(*slugs):
    from forum.principles.models import Principle

    return Principle.objects.filter(slug__in=slugs)


def test_leads_of_groups_with_practices_on_the_topics_are_told(
    representative, make_user, join, ask
):
    from forum.groups.models import WorkingGroup
    from forum.members.models import Member

    ai_lead = join(make_user("group-lead", member="MX"), "artificial-intelligence", lead=True)
    practice = Practice.objects.create(
        member=Member.objects.get(iso_code="EE"),
        group=WorkingGroup.objects.get(slug="artificial-intelligence"),
        title="Kratt: AI in Estonian public services",
        slug="ee-kratt",
        status="published",
    )
    practice.themes.add("artificial intelligence")
    ask(representative, themes=["Artificial intelligence"])
    # Estonia's officials are told too, except the asker (Estonian) herself.
    assert ai_lead.email in told()
    assert representative.email not in told()
