import pytest

from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_says_who_the_forum_is_with_latest_documents_summit_and_members(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Digital Nations is an international forum of leading digital governments." in html
    assert "Founded in 2014, our collective goal" in html
    assert 'href="/documents/dn-communique-2022/"' in html
    assert "DN Ministerial Summit 2023" in html
    for member in ("Estonia", "Israel", "Republic of Korea", "Uruguay", "Denmark"):
        assert f">{member}</a>" in html
    assert html.count("<h1") == 1


def test_about_shows_mission_with_four_aims_ten_principles_and_history(client):
    response = client.get("/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "We, Digital Nations, lead digital government transformation for the benefit of our "
        "citizens." in html
    )
    aims = response.context["page"].aims
    assert [block.value for block in aims] == [
        "Developing cutting-edge digital policy and practice",
        "Sharing approaches and best practices among members",
        "Advancing members&#x27; international influence".replace("&#x27;", "'"),
        "Strengthening relations, building expertise and connecting digital leaders globally",
    ]
    principles = list(response.context["principles"])
    assert len(principles) == 10
    assert principles[0].name == "User needs"
    assert principles[-1].name == "Sustainability"
    assert 'href="/principles/co-creation-experimentation/"' in html
    for name in ("Digital 5 (D5)", "Digital 7 (D7)", "Digital 9 (D9)", "Digital Nations (DN)"):
        assert name in html


def test_health_and_readiness(client):
    assert client.get("/healthz").content == b"ok\n"
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready["Cache-Control"].startswith("max-age=0")


def test_readiness_fails_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import DatabaseError

    from forum.core import views

    class Broken:
        def cursor(self):
            raise DatabaseError("down")

    monkeypatch.setattr(views, "connection", Broken())
    assert client.get("/readyz").status_code == 503


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-page/",
        "/members/zz/",
        "/summits/1999-atlantis/",
        "/working-groups/quantum/",
        "/documents/no-such-document/",
        "/principles/no-such-principle/",
        "/news/no-such-news/",
    ],
)
def test_unknown_addresses_get_a_friendly_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="/documents/"' in html


def test_server_errors_get_a_friendly_500(settings):
    from django.urls import path

    def boom(request):
        raise RuntimeError("boom")

    from forum import urls

    urlconf = type("urls", (), {})
    urlconf.urlpatterns = [path("boom/", boom), *urls.urlpatterns]
    urlconf.handler500 = urls.handler500
    settings.ROOT_URLCONF = urlconf
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_pages_carry_security_headers(client):
    response = client.get("/members/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_cms_gets_a_narrow_exception_only(verified_secretariat_client):
    response = verified_secretariat_client.get("/cms/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_pages_are_in_english_with_landmarks_and_a_skip_link(client):
    html = client.get("/summits/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert 'aria-current="page">Summits</a>' in html
