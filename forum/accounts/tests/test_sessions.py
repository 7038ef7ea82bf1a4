import time

import pytest

from django.conf import settings

from forum.accounts.middleware import LAST_ACTIVITY_KEY, SIGNED_IN_AT_KEY

from .helpers import h1s, sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db


def test_signing_in_gives_a_new_session_id(client, representative):
    client.get("/accounts/sign-in/")
    session = client.session
    session["probe"] = "before"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    before = session.session_key

    response = sign_in(client, representative)
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before
    assert signed_in_user_id(client) == str(representative.pk)


def test_sign_in_goes_to_next_only_on_this_site(client, representative):
    response = sign_in(client, representative, next_url="/workspace/questions/")
    assert response["Location"] == "/workspace/questions/"
    client.post("/accounts/sign-out/")
    for evil in ("https://evil.example/", "//evil.example/", "http://testserver.evil/"):
        response = sign_in(client, representative, next_url=evil)
        assert response.status_code == 302
        assert response["Location"] == "/workspace/", evil
        client.post("/accounts/sign-out/")


def test_the_sign_in_page_keeps_next_from_the_query(client):
    response = client.get("/accounts/sign-in/?next=/workspace/practices/")
    html = response.content.decode()
    assert h1s(response) == ["Sign in"]
    assert 'name="next" value="/workspace/practices/"' in html
    assert 'for="id_email"' in html and 'for="id_password"' in html


def test_a_wrong_password_keeps_the_email_but_not_the_password(client, representative):
    response = sign_in(client, representative, password="not my password at all")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html and 'href="#id_email"' in html
    assert f'value="{representative.email}"' in html
    assert "not my password at all" not in html


def test_sign_out_is_post_only(login, representative):
    client = login(representative)
    response = client.get("/accounts/sign-out/")
    assert response.status_code == 405
    assert signed_in_user_id(client) == str(representative.pk)
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 302 and response["Location"] == settings.LOGOUT_REDIRECT_URL
    assert signed_in_user_id(client) is None


def test_the_secretariat_is_signed_out_after_30_idle_minutes(verified_secretariat_client):
    client = verified_secretariat_client
    assert client.get("/accounts/").status_code == 200
    assert abs(client.session[LAST_ACTIVITY_KEY] - time.time()) < 5

    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.SECRETARIAT_IDLE_SECONDS + 60
    session.save()
    assert client.get("/cms/").status_code == 200  # 29 minutes: still signed in

    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.SECRETARIAT_IDLE_SECONDS - 1
    session.save()
    response = client.get("/cms/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/cms/pages/"
    assert signed_in_user_id(client) is None
    page = client.get(response["Location"])
    assert "signed out after 30 minutes without activity" in page.content.decode()


def test_other_people_are_not_timed_out_after_30_minutes(login, representative):
    client = login(representative)
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 2 * settings.SECRETARIAT_IDLE_SECONDS
    session.save()
    assert client.get("/accounts/").status_code == 200


def test_public_pages_do_not_touch_the_session(client):
    response = client.get("/members/")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_background_pings_of_the_admin_do_not_keep_the_secretariat_signed_in(
    verified_secretariat_client,
):
    client = verified_secretariat_client
    assert client.get("/cms/").status_code == 200
    session = client.session
    quiet_since = int(time.time()) - settings.SECRETARIAT_IDLE_SECONDS + 60
    session[LAST_ACTIVITY_KEY] = quiet_since
    session.save()
    client.post("/cms/editing-sessions/ping/wagtailcore/page/1/1/")
    assert client.session[LAST_ACTIVITY_KEY] == quiet_since  # a ping is not the person
    client.get("/cms/")
    assert client.session[LAST_ACTIVITY_KEY] > quiet_since


def test_every_session_ends_twelve_hours_after_signing_in(client, representative):
    sign_in(client, representative)
    session = client.session
    assert abs(session[SIGNED_IN_AT_KEY] - time.time()) < 5
    session[SIGNED_IN_AT_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS + 60
    session.save()
    assert client.get("/workspace/").status_code == 200  # active, and under 12 hours
    session = client.session
    session[SIGNED_IN_AT_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get("/workspace/")
    assert response["Location"] == "/accounts/sign-in/?next=/workspace/"
    assert signed_in_user_id(client) is None
    assert "12 hours after signing in" in client.get(response["Location"]).content.decode()


def test_whoever_may_open_the_cms_sets_up_two_factor_first(login, representative):
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.create(name="Editors for the test")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    representative.groups.add(editors)
    response = login(representative).get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/?next=")
