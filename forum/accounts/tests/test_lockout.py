import pytest

from forum.accounts import services

from .helpers import h1s, sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(
    client, representative, other_representative
):
    for attempt in range(4):
        response = sign_in(client, representative, password=f"wrong password {attempt}")
        assert response.status_code == 200
        assert 'class="error-summary"' in response.content.decode()
        assert f'value="{representative.email}"' in response.content.decode()
    locked = sign_in(client, representative, password="wrong password 5")
    assert locked.status_code == 429
    assert h1s(locked) == ["Account locked for now"]
    html = locked.content.decode()
    assert "locked for 15 minutes" in html
    assert "Try again later" in html and "/accounts/password-reset/" in html
    assert locked["Retry-After"] == "900"

    right = sign_in(client, representative)
    assert right.status_code == 429
    assert signed_in_user_id(client) is None

    # However the address is typed.
    assert sign_in(client, representative, email=representative.email.upper()).status_code == 429

    # Other accounts are not affected.
    other = sign_in(client, other_representative)
    assert other.status_code == 302
    assert signed_in_user_id(client) == str(other_representative.pk)


def test_a_success_before_the_limit_starts_the_count_again(client, representative):
    for attempt in range(4):
        sign_in(client, representative, password=f"wrong {attempt}")
    assert sign_in(client, representative).status_code == 302
    client.post("/accounts/sign-out/")
    for attempt in range(4):
        assert sign_in(client, representative, password=f"wrong {attempt}").status_code == 200
    assert sign_in(client, representative).status_code == 302


def test_a_password_reset_ends_the_lockout(client, representative):
    for attempt in range(5):
        sign_in(client, representative, password=f"wrong {attempt}")
    assert sign_in(client, representative).status_code == 429
    services.password_set(user=representative, password="a brand new passphrase", reason="reset")
    assert sign_in(client, representative, password="a brand new passphrase").status_code == 302
