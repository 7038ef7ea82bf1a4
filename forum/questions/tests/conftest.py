import pytest

from forum.groups.models import GroupMembership, WorkingGroup
from forum.questions import services


@pytest.fixture(autouse=True)
def _queue_emails_only(settings):
    """Notifications' emails stay queued in these tests (the email path is tested in
    forum/notifications)."""
    settings.TASKS = {
        **settings.TASKS,
        "email": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["email"]},
    }


# A question is routed by what the forum's records say: the documents and practices on
# its principles, the groups whose documents carry them. These tests route through the
# forum's real documents and groups, so their people belong to its real members: an
# Estonian representative, a Canadian one, and an Estonian who leads Data 360.


@pytest.fixture
def representative(make_user):
    return make_user("representative", member="EE")


@pytest.fixture
def other_representative(make_user):
    return make_user("representative", member="CA")


@pytest.fixture
def group_lead(make_user):
    user = make_user("group-lead", member="EE")
    GroupMembership.objects.create(
        group=WorkingGroup.objects.get(slug="data-360"), user=user, lead=True
    )
    return user


@pytest.fixture
def join(db):
    """join(user, "data-360", lead=False): put a person in a working group."""

    def add(user, slug, *, lead=False):
        GroupMembership.objects.create(
            group=WorkingGroup.objects.get(slug=slug), user=user, lead=lead
        )
        return user

    return add


@pytest.fixture
def ask(db):
    """ask(asker, "Title", group="data-360", principles=["open-government"], ...)."""
    from forum.principles.models import Principle

    def make(
        asker,
        title="Who keeps a data embassy abroad?",
        *,
        group=None,
        principles=(),
        themes=(),
        body="",
    ):
        question, _recipients = services.question_ask(
            asker=asker,
            title=title,
            body=body,
            group=WorkingGroup.objects.get(slug=group) if group else None,
            principles=Principle.objects.filter(slug__in=principles),
            themes=themes,
        )
        return question

    return make
