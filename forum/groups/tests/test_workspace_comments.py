"""A consultation: the group's members comment on a draft's paragraphs."""

import pytest

from forum.core.models import AuditEntry
from forum.groups.models import DraftComment, GroupDraft, GroupMembership, WorkingGroup
from forum.notifications.models import Notification, NotificationKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("working_group")]

TEXT = (
    "Members share data across borders only with consent.\n\n"
    "Each member publishes a catalogue of its open data.\n"
    "It is updated every month.\n\n"
    "The group reviews these principles every two years."
)


@pytest.fixture(autouse=True)
def _queue_emails_only(settings):
    settings.TASKS = {
        **settings.TASKS,
        "email": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["email"]},
    }


@pytest.fixture
def data_360():
    return WorkingGroup.objects.get(slug="test-group")


@pytest.fixture
def member_of_group(make_user, data_360):
    person = make_user("representative", member="CA", first_name="Ada", last_name="Lovelace")
    GroupMembership.objects.create(group=data_360, user=person)
    return person


@pytest.fixture
def consultation(data_360, group_lead):
    return GroupDraft.objects.create(
        group=data_360,
        title="Test group principles",
        text=TEXT,
        created_by=group_lead,
        status=GroupDraft.Status.CONSULTATION,
    )


def url_of(draft):
    return f"/workspace/groups/test-group/drafts/{draft.pk}/"


def test_the_draft_is_shown_paragraph_by_paragraph_with_anchors(
    member_of_group, consultation, login
):
    DraftComment.objects.create(
        draft=consultation,
        author=member_of_group,
        anchor=2,
        text="Monthly is too often for small members.",
    )
    response = login(member_of_group).get(url_of(consultation))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    for number in (1, 2, 3):
        assert f'id="p-{number}"' in html
        assert f'href="?paragraph={number}#comment-form"' in html
    assert "open data.<br>It is updated every month." in html
    assert "1 comment on paragraph 2" in html
    assert "Monthly is too often for small members." in html
    assert html.index("Monthly is too often") < html.index('id="p-3"')
    assert '<label for="id_anchor">Paragraph</label>' in html
    assert '<label for="id_text">Your comment</label>' in html
    assert html.count('<option value="') == 3


def test_a_link_to_a_paragraph_chooses_it_in_the_form(member_of_group, consultation, login):
    html = login(member_of_group).get(f"{url_of(consultation)}?paragraph=3").content.decode()
    assert '<option value="3" selected>' in html


def test_a_member_comments_and_the_group_is_told(
    member_of_group, group_lead, consultation, make_user, login, data_360
):
    third = make_user("representative", member="PT")
    GroupMembership.objects.create(group=data_360, user=third)
    outsider = make_user("representative", member="MX")

    response = login(member_of_group).post(
        f"{url_of(consultation)}comments/",
        {"anchor": "2", "text": "Monthly is too often for small members."},
    )
    comment = DraftComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{url_of(consultation)}#comment-{comment.pk}"
    assert (comment.anchor, comment.author) == (2, member_of_group)
    assert AuditEntry.objects.filter(action="draft_comment.create").exists()

    told = Notification.objects.filter(kind=NotificationKind.DRAFT_COMMENT)
    assert {n.recipient for n in told} == {group_lead, third}
    assert outsider not in {n.recipient for n in told}
    notification = told.get(recipient=group_lead)
    assert notification.subject == "New comment on “Test group principles”, paragraph 2"
    assert notification.url == f"{url_of(consultation)}#p-2"


def test_an_invalid_comment_is_400_and_keeps_the_text(member_of_group, consultation, login):
    response = login(member_of_group).post(
        f"{url_of(consultation)}comments/", {"anchor": "9", "text": "Paragraph nine?"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<div class="error-summary"' in html
    assert 'href="#id_anchor"' in html
    assert "Paragraph nine?" in html
    response = login(member_of_group).post(
        f"{url_of(consultation)}comments/", {"anchor": "1", "text": ""}
    )
    assert response.status_code == 400
    assert 'href="#id_text"' in response.content.decode()
    assert not DraftComment.objects.exists()


def test_no_comments_outside_a_consultation(member_of_group, consultation, login):
    for status in (GroupDraft.Status.DRAFT, GroupDraft.Status.CLOSED):
        consultation.status = status
        consultation.save()
        client = login(member_of_group)
        assert "Comment on a paragraph" not in client.get(url_of(consultation)).content.decode()
        response = client.post(f"{url_of(consultation)}comments/", {"anchor": 1, "text": "Late"})
        assert response.status_code == 400
        assert "comments are closed" in response.content.decode()
    assert not DraftComment.objects.exists()


def test_people_outside_the_group_cannot_comment(other_representative, consultation, login):
    response = login(other_representative).post(
        f"{url_of(consultation)}comments/", {"anchor": 1, "text": "From outside"}
    )
    assert response.status_code == 403
    assert not DraftComment.objects.exists()


def test_the_secretariat_comments_too(verified_login, secretariat, consultation):
    response = verified_login(secretariat).post(
        f"{url_of(consultation)}comments/", {"anchor": 1, "text": "Please cite the Charter."}
    )
    assert response.status_code == 302
    assert DraftComment.objects.get().author == secretariat


def test_paragraphs_are_split_on_blank_lines_even_with_spaces():
    draft = GroupDraft(text="First.\r\n   \r\nSecond,\nstill second.\n\n\n\nThird.")
    assert draft.paragraphs == ["First.", "Second,\nstill second.", "Third."]
