import re
from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from forum.accounts.models import Invitation, Role

pytestmark = pytest.mark.django_db


def invite(*args):
    out = StringIO()
    call_command("invite", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_full_link_and_the_expiry(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://digitalnations.example"
    output = invite(
        "lead@example.ee", "--role", "group-lead", "--member", "ee", "--group", "data-360"
    )
    link = re.search(r"https://digitalnations\.example(/accounts/invitation/[\w-]+/)", output)
    assert link, output
    invitation = Invitation.objects.get()
    assert invitation.role == Role.GROUP_LEAD
    assert invitation.member.iso_code == "EE" and invitation.group.slug == "data-360"
    assert f"expires {invitation.expires_at:%Y-%m-%d}" in output
    assert client.get(link.group(1)).status_code == 200


def test_the_secretariat_needs_no_member():
    output = invite("sec@example.org", "--role", "secretariat")
    assert "/accounts/invitation/" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a@example.org", "--role", "representative"], "member government"),
        (["a@example.org", "--role", "representative", "--member", "ZZ"], "No member government"),
        (["a@example.org", "--role", "group-lead", "--member", "EE"], "working group"),
        (
            ["a@example.org", "--role", "group-lead", "--member", "EE", "--group", "nope"],
            "No working group",
        ),
        (["not-an-address", "--role", "secretariat"], "email"),
        (["a@example.org", "--role", "admin"], "invalid choice"),
    ],
)
def test_bad_arguments_are_a_clear_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        invite(*args)
    assert not Invitation.objects.exists()


def test_an_existing_account_is_not_invited_again(representative):
    with pytest.raises(CommandError, match="already an account"):
        invite(representative.email, "--role", "representative", "--member", "EE")
