import pytest

from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError

from conftest import PASSWORD
from forum.accounts.models import Role, User
from forum.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def representative_user():
    return User(username="r@example.org", email="r@example.org", role=Role.REPRESENTATIVE)


def secretariat_user():
    return User(username="s@example.org", email="s@example.org", role=Role.SECRETARIAT)


def errors(password, user):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def test_at_least_12_characters_for_members_officials():
    assert any("at least 12" in message for message in errors("quiet-owl-7", representative_user()))
    assert errors("quiet-owl-72", representative_user()) == []


def test_at_least_15_characters_for_the_secretariat():
    assert any("at least 15" in m for m in errors("quiet-owl-7239", secretariat_user()))
    assert errors("quiet-owl-72391", secretariat_user()) == []
    superuser = User(username="admin", email="a@example.org", is_superuser=True)
    assert errors("quiet-owl-7239", superuser)


def test_common_passwords_are_refused():
    assert any("too common" in m for m in errors("password1234", representative_user()))


@pytest.mark.parametrize(
    "password",
    [
        "I love Digital Nations!",
        "digitalnations2024",
        "DIGITAL-NATIONS-forever",
        "go leadingdigitalgovs go",
        "Estonia2024!!!",
        "estonia estonia",
        "New Zealand 1234",
        "Korea12345678",
        "UnitedKingdom#1",
    ],
)
def test_the_forums_own_words_are_refused(password):
    assert errors(password, representative_user()), password


def test_a_country_within_a_longer_passphrase_is_fine():
    assert errors("we met in estonia by the quiet harbour", representative_user()) == []


def test_the_rules_are_explained():
    texts = " ".join(password_validators_help_texts())
    assert "12 characters" in texts
    assert "15 characters" in texts
    assert "Digital Nations" in texts


def test_changing_a_password_is_recorded(login, representative):
    client = login(representative)
    page = client.get("/accounts/password/")
    assert page.status_code == 200
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a new quiet harbour at night",
            "new_password2": "a new quiet harbour at night",
        },
    )
    assert response.status_code == 302
    representative.refresh_from_db()
    assert representative.check_password("a new quiet harbour at night")
    entry = AuditEntry.objects.get(action="password.changed")
    assert entry.actor == representative
    # Still signed in (Django updates the session's hash).
    assert client.get("/accounts/").status_code == 200


def test_a_short_new_password_is_refused_with_a_summary(login, representative):
    response = login(representative).post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_new_password2"' in html
    assert not AuditEntry.objects.filter(action="password.changed").exists()
