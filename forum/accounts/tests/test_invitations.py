from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from forum.accounts import services
from forum.accounts.models import Invitation, Role, User
from forum.core.models import AuditEntry
from forum.groups.models import GroupMembership, WorkingGroup
from forum.members.models import Member

from .helpers import h1s, signed_in_user_id

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "tallinn harbour lights at dusk"


def estonia():
    return Member.objects.get(iso_code="EE")


def data_360():
    return WorkingGroup.objects.get(slug="data-360")


def accept_data(**extra):
    return {
        "first_name": "Kersti",
        "last_name": "Tamm",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **extra,
    }


def test_an_invitation_stores_only_a_hash_of_its_token_and_expires_in_14_days(secretariat):
    invitation, path = services.invitation_create(
        email="  Kersti.Tamm@Example.EE ",
        role=Role.REPRESENTATIVE,
        member=estonia(),
        invited_by=secretariat,
    )
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert path == f"/accounts/invitation/{token}/"
    assert len(token) >= 40
    assert invitation.email == "kersti.tamm@example.ee"
    assert invitation.token_hash == services.hash_token(token) != token
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)
    assert invitation.invited_by == secretariat
    entry = AuditEntry.objects.get(action="invitation.created")
    assert entry.actor == secretariat and entry.object_id == str(invitation.pk)
    assert invitation.token_hash not in str(entry.after) and token not in str(entry.after)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"role": Role.REPRESENTATIVE}, "member"),
        ({"role": Role.GROUP_LEAD}, "member"),
        ({"role": Role.GROUP_LEAD, "member": "EE"}, "group"),
        ({"role": "editor", "member": "EE"}, "role"),
        ({"role": Role.SECRETARIAT, "member": "EE"}, "member"),
        ({"role": Role.REPRESENTATIVE, "member": "EE", "email": "not an address"}, "email"),
    ],
)
def test_invitations_need_the_right_member_and_group_for_their_role(values, field):
    values = dict(values)
    if "member" in values:
        values["member"] = Member.objects.get(iso_code=values["member"])
    values.setdefault("email", "someone@example.org")
    with pytest.raises(ValidationError) as error:
        services.invitation_create(**values)
    assert field in error.value.message_dict
    assert not Invitation.objects.exists()


def test_nobody_is_invited_twice_with_the_address_of_an_account(representative):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            email=representative.email.upper(), role=Role.REPRESENTATIVE, member=estonia()
        )
    assert "already an account" in error.value.message_dict["email"][0]


def test_accepting_opens_the_account_with_its_role_member_and_group(client):
    invitation, path = services.invitation_create(
        email="lead@example.ee", role=Role.GROUP_LEAD, member=estonia(), group=data_360()
    )
    page = client.get(path)
    assert page.status_code == 200
    assert h1s(page) == ["Open your account"]
    assert "lead@example.ee" in page.content.decode()

    response = client.post(path, accept_data())
    assert response.status_code == 302
    user = User.objects.get(email="lead@example.ee")
    assert (user.first_name, user.last_name) == ("Kersti", "Tamm")
    assert user.role == Role.GROUP_LEAD and user.member == estonia()
    assert user.check_password(NEW_PASSWORD)
    assert not user.is_superuser
    membership = GroupMembership.objects.get(user=user)
    assert membership.group == data_360() and membership.lead is True
    invitation.refresh_from_db()
    assert invitation.used_at is not None and invitation.user == user
    assert signed_in_user_id(client) == str(user.pk)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"invitation.created", "invitation.accepted", "user.created"} <= actions


def test_a_representative_invited_to_a_group_takes_part_without_leading_it(client):
    _, path = services.invitation_create(
        email="rep@example.ee", role=Role.REPRESENTATIVE, member=estonia(), group=data_360()
    )
    client.post(path, accept_data())
    membership = GroupMembership.objects.get(user__email="rep@example.ee")
    assert membership.lead is False


def test_a_secretariat_account_goes_to_two_factor_setup_at_once(client):
    _, path = services.invitation_create(email="sec@example.org", role=Role.SECRETARIAT)
    response = client.post(path, accept_data())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")
    user = User.objects.get(email="sec@example.org")
    assert user.is_secretariat and user.is_superuser and user.member is None


def test_an_invitation_works_once_then_says_it_is_gone(client):
    invitation, path = services.invitation_create(
        email="once@example.ee", role=Role.REPRESENTATIVE, member=estonia()
    )
    assert client.post(path, accept_data()).status_code == 302
    client.post("/accounts/sign-out/")

    again = client.get(path)
    assert again.status_code == 410
    assert h1s(again) == ["Invitation already used"]
    assert client.post(path, accept_data(first_name="Mallory")).status_code == 410
    assert User.objects.filter(email="once@example.ee").count() == 1
    with pytest.raises(services.InvitationGone):
        services.invitation_accept(
            invitation=invitation, first_name="A", last_name="B", password=NEW_PASSWORD
        )


def test_an_expired_invitation_is_gone(client):
    invitation, path = services.invitation_create(
        email="late@example.ee", role=Role.REPRESENTATIVE, member=estonia()
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(path)
    assert response.status_code == 410
    assert h1s(response) == ["Invitation expired"]
    assert "Ask the secretariat for a new invitation" in response.content.decode()
    assert client.post(path, accept_data()).status_code == 410
    assert not User.objects.filter(email="late@example.ee").exists()


def test_an_unknown_token_is_a_clear_404(client):
    response = client.get("/accounts/invitation/not-a-real-token/")
    assert response.status_code == 404
    assert h1s(response) == ["Invitation not found"]


def test_a_weak_password_is_refused_and_the_names_are_kept(client):
    invitation, path = services.invitation_create(
        email="weak@example.ee", role=Role.REPRESENTATIVE, member=estonia()
    )
    response = client.post(
        path, accept_data(first_name="Kersti", password1="short", password2="short")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_password1"' in html
    assert 'value="Kersti"' in html and 'value="short"' not in html
    assert not User.objects.filter(email="weak@example.ee").exists()
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_mismatched_passwords_are_refused(client):
    _, path = services.invitation_create(
        email="typo@example.ee", role=Role.REPRESENTATIVE, member=estonia()
    )
    response = client.post(path, accept_data(password2=NEW_PASSWORD + "!"))
    assert response.status_code == 200
    assert 'href="#id_password2"' in response.content.decode()
    assert not User.objects.filter(email="typo@example.ee").exists()
