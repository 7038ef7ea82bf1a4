"""Records for tests that need some, made apart from the forum's real data (which every
test database also holds), so that editing forum/data/ breaks only the tests about it.

Member governments made here have codes the forum does not use (QA, QB, …: ISO 3166
keeps the Q range for private use)."""

import string

import factory

from forum.accounts.models import User
from forum.groups.models import GroupMembership, WorkingGroup
from forum.members.models import Member

PASSWORD = "correct horse battery staple 42"  # noqa: S105 (test accounts only)
_CODES = [f"Q{letter}" for letter in string.ascii_uppercase[:26]] + [
    f"X{letter}" for letter in string.ascii_uppercase
]


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        django_get_or_create = ("iso_code",)

    iso_code = factory.Sequence(lambda n: _CODES[n % len(_CODES)])
    name = factory.LazyAttribute(lambda member: f"Testland {member.iso_code}")
    government_body = factory.LazyAttribute(lambda member: f"Digital office of {member.name}")
    joined_year = 2020


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    slug = factory.Sequence(lambda n: f"test-group-{n}")
    name = factory.Sequence(lambda n: f"Test group {n}")
    focus = "What the group works on."


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a role: UserFactory(role="representative", member=...)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person-{n}@example.org")
    username = factory.LazyAttribute(lambda user: user.email)
    first_name = factory.LazyAttribute(lambda user: str(user.role or "person").title())
    last_name = factory.LazyAttribute(
        lambda user: user.member.iso_code if user.member else "Secretariat"
    )
    role = "representative"
    member = factory.SubFactory(MemberFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(user, create, extracted, **kwargs):
        if create:
            user.save()


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(WorkingGroupFactory)
    user = factory.SubFactory(UserFactory)
    lead = False
