import pytest

from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the forum's real data, loaded once per run."""
    with django_db_blocker.unblock():
        call_command("load_forum_data", verbosity=0)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


PASSWORD = "correct horse battery staple 42"  # noqa: S105 (test accounts only)


@pytest.fixture
def make_user(db):
    """Create a person with a role: make_user("representative", member="EE")."""
    from forum.accounts.models import User
    from forum.members.models import Member

    def make(role, *, member=None, email=None, **fields):
        email = email or f"{role}-{(member or 'sec').lower()}-{User.objects.count()}@example.org"
        user = User.objects.create_user(
            username=email,
            email=email,
            password=PASSWORD,
            role=role,
            member=Member.objects.get(iso_code=member) if member else None,
            first_name=fields.pop("first_name", role.title()),
            last_name=fields.pop("last_name", member or "Secretariat"),
            **fields,
        )
        return user

    return make


@pytest.fixture
def representative(make_user):
    """A representative of Estonia."""
    return make_user("representative", member="EE")


@pytest.fixture
def other_representative(make_user):
    """A representative of Canada."""
    return make_user("representative", member="CA")


@pytest.fixture
def group_lead(make_user):
    """A representative of Estonia who leads the Data 360 group."""
    from forum.groups.models import GroupMembership, WorkingGroup

    user = make_user("group-lead", member="EE")
    GroupMembership.objects.create(
        group=WorkingGroup.objects.get(slug="data-360"), user=user, lead=True
    )
    return user


@pytest.fixture
def secretariat(make_user):
    return make_user("secretariat", is_staff=True, is_superuser=True)


@pytest.fixture
def login(client):
    """Sign a person in on the test client: login(user) returns the client."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
