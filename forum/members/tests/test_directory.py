"""The directory of digital leaders (/workspace/directory/): who may read it, who may edit
what, filters, and that none of it ever reaches the public."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied

from forum.core.models import AuditEntry
from forum.groups.models import GroupMembership, WorkingGroup
from forum.members import services
from forum.members.models import DirectoryEntry, Post

pytestmark = pytest.mark.django_db

HELP = "Zanzibarian interoperability of registries"
POST_TITLE = "Chief Quokka Officer"
PHONE = "+372 555 01234"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def listed(representative):
    """The representative with a full entry, a post and a group."""
    services.directory_entry_update(
        user=representative,
        help_with=HELP,
        bio="Twenty years in e-government.",
        phone=PHONE,
        email_shown=True,
        other_contact="Assistant: assistant@example.org",
        show_contact_to_members=True,
    )
    services.post_create(
        user=representative,
        title=POST_TITLE,
        member=representative.member,
        start=datetime.date(2020, 1, 1),
        end=None,
    )
    GroupMembership.objects.create(
        group=WorkingGroup.objects.get(slug="digital-identity"), user=representative
    )
    return representative


@pytest.fixture
def login(login, verified_login):
    """Sign in; the secretariat with a verified second factor, as it must."""

    def sign_in(user):
        return verified_login(user) if user.is_secretariat else login(user)

    return sign_in


def _post_of(user, title="Adviser"):
    return services.post_create(
        user=user, title=title, member=user.member, start=datetime.date(2018, 5, 1), end=None
    )


# Who may read it (the roles table: "read members-only … directory")


DIRECTORY_PAGES = ["/workspace/directory/", "/workspace/directory/me/edit/"]


@pytest.mark.parametrize("url", [*DIRECTORY_PAGES, "/workspace/directory/me/posts/add/"])
def test_the_public_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_the_public_cannot_see_a_person_or_their_data(client, listed):
    for url in (
        f"/workspace/directory/{listed.pk}/",
        "/workspace/directory/me/data.json",
        "/workspace/directory/me/delete/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/sign-in/")
    response = client.post(
        "/workspace/directory/me/posts/add/", {"title": "x", "start": "2020-01-01"}
    )
    assert response.status_code == 302
    assert Post.objects.filter(title="x").count() == 0


def test_a_signed_in_person_without_a_role_is_refused(make_user, login, listed):
    nobody = make_user("")
    client = login(nobody)
    for url in [*DIRECTORY_PAGES, f"/workspace/directory/{listed.pk}/"]:
        assert client.get(url).status_code == 403, url
    response = client.post("/workspace/directory/me/edit/", {"help_with": "x"})
    assert response.status_code == 403
    assert not DirectoryEntry.objects.filter(user=nobody).exists()


@pytest.mark.parametrize("who", ["representative", "group_lead", "secretariat"])
def test_member_officials_and_the_secretariat_read_the_directory(request, login, listed, who):
    client = login(request.getfixturevalue(who))
    response = client.get("/workspace/directory/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert HELP in html
    assert f'href="/workspace/directory/{listed.pk}/"' in html

    person = client.get(f"/workspace/directory/{listed.pk}/")
    assert person.status_code == 200
    html = person.content.decode()
    for text in (HELP, POST_TITLE, "Digital Identity", PHONE, listed.email, "Assistant"):
        assert text in html
    assert person["Cache-Control"] == "private, no-store"


def test_contact_details_are_shown_only_when_the_person_chooses(
    login, listed, other_representative
):
    services.directory_entry_update(user=listed, show_contact_to_members=False)
    client = login(other_representative)
    html = client.get(f"/workspace/directory/{listed.pk}/").content.decode()
    assert PHONE not in html
    assert listed.email not in html
    assert "This person shows no contact details." in html

    services.directory_entry_update(user=listed, show_contact_to_members=True, email_shown=False)
    html = client.get(f"/workspace/directory/{listed.pk}/").content.decode()
    assert PHONE in html
    assert listed.email not in html

    # The person always sees their own, with a warning when members do not.
    services.directory_entry_update(user=listed, show_contact_to_members=False)
    html = login(listed).get(f"/workspace/directory/{listed.pk}/").content.decode()
    assert PHONE in html
    assert "hidden from members" in html


def test_people_without_a_role_or_inactive_are_not_in_the_directory(
    make_user, login, representative
):
    nobody = make_user("")
    gone = make_user("representative", member="CA", is_active=False)
    client = login(representative)
    html = client.get("/workspace/directory/").content.decode()
    assert f"/workspace/directory/{nobody.pk}/" not in html
    assert f"/workspace/directory/{gone.pk}/" not in html
    assert client.get(f"/workspace/directory/{nobody.pk}/").status_code == 404
    assert client.get(f"/workspace/directory/{gone.pk}/").status_code == 404
    assert client.get("/workspace/directory/999999/").status_code == 404


# Filters and pagination


def _people_on(response):
    return {person.pk for person in response.context["page"].object_list}


def test_filters_by_member_group_and_words(login, listed, other_representative, group_lead):
    client = login(other_representative)
    assert _people_on(client.get("/workspace/directory/?member=qb")) == {other_representative.pk}
    by_member = _people_on(client.get("/workspace/directory/?member=qa"))
    assert {listed.pk, group_lead.pk} <= by_member
    assert other_representative.pk not in by_member
    assert _people_on(
        client.get(f"/workspace/directory/?group={group_lead.group_memberships.get().group.slug}")
    ) == {group_lead.pk}
    assert _people_on(client.get("/workspace/directory/?q=zanzibarian+registries")) == {listed.pk}
    assert _people_on(client.get("/workspace/directory/?q=quokka")) == {listed.pk}
    name = listed.last_name
    assert listed.pk in _people_on(client.get(f"/workspace/directory/?q={name}"))
    nothing = client.get("/workspace/directory/?q=zanzibarian&member=qb")
    assert _people_on(nothing) == set()
    assert "Nobody matches" in nothing.content.decode()


def test_a_filter_with_an_unknown_value_is_a_400_with_the_error_summary(login, representative):
    response = login(representative).get("/workspace/directory/?member=zz&q=kept")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_member"' in html
    assert 'value="kept"' in html


def test_the_directory_is_paginated(make_user, login, representative):
    for number in range(25):
        make_user("representative", member="UY", last_name=f"Paginated{number:02d}")
    client = login(representative)
    first = client.get("/workspace/directory/?member=uy")
    assert first.context["page"].paginator.count == 25
    assert len(first.context["page"].object_list) == 20
    assert 'rel="next"' in first.content.decode()
    second = client.get("/workspace/directory/?member=uy&page=2")
    assert len(second.context["page"].object_list) == 5


# Editing one's own entry


def test_a_person_edits_their_own_entry_and_it_is_audited(login, representative):
    client = login(representative)
    form = client.get("/workspace/directory/me/edit/")
    assert form.status_code == 200
    html = form.content.decode()
    assert html.count("<h1") == 1
    assert 'for="id_help_with"' in html
    response = client.post(
        "/workspace/directory/me/edit/",
        {
            "help_with": "Data exchange layers",
            "bio": "",
            "phone": "+372 600 0000",
            "email_shown": "on",
            "other_contact": "",
            "show_contact_to_members": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/directory/{representative.pk}/"
    entry = DirectoryEntry.objects.get(user=representative)
    assert entry.help_with == "Data exchange layers"
    assert entry.email_shown and entry.show_contact_to_members
    record = AuditEntry.objects.filter(object_type="members.DirectoryEntry").first()
    assert record.actor == representative
    assert record.action == "create"
    assert record.after["help_with"] == "Data exchange layers"

    client.post("/workspace/directory/me/edit/", {"help_with": "Registries", "phone": ""})
    record = AuditEntry.objects.filter(object_type="members.DirectoryEntry").first()
    assert record.action == "update"
    assert record.before["help_with"] == "Data exchange layers"
    assert record.after["help_with"] == "Registries"


def test_an_invalid_entry_is_a_400_that_keeps_what_was_typed(login, representative):
    client = login(representative)
    response = client.post(
        "/workspace/directory/me/edit/",
        {"help_with": "Typed text stays", "phone": "call me maybe"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_phone"' in html
    assert "Typed text stays" in html
    assert 'value="call me maybe"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_phone_error"' in html
    assert not DirectoryEntry.objects.filter(user=representative).exists()


def test_a_posted_user_field_cannot_change_someone_elses_entry(login, listed, other_representative):
    client = login(other_representative)
    client.post(
        "/workspace/directory/me/edit/",
        {"help_with": "Hijacked", "user": listed.pk, "user_id": listed.pk},
    )
    assert DirectoryEntry.objects.get(user=listed).help_with == HELP
    assert DirectoryEntry.objects.get(user=other_representative).help_with == "Hijacked"


def test_the_secretariat_also_edits_only_their_own_entry(login, listed, secretariat):
    client = login(secretariat)
    client.post("/workspace/directory/me/edit/", {"help_with": "Running summits"})
    assert DirectoryEntry.objects.get(user=secretariat).help_with == "Running summits"
    assert DirectoryEntry.objects.get(user=listed).help_with == HELP
    post = listed.directory_posts.get()
    assert client.get(f"/workspace/directory/me/posts/{post.pk}/edit/").status_code == 404
    assert client.post(f"/workspace/directory/me/posts/{post.pk}/delete/").status_code == 404
    assert Post.objects.filter(pk=post.pk).exists()


# Posts: one's roles over time


def test_a_person_adds_edits_and_deletes_their_posts(login, representative):
    client = login(representative)
    form = client.get("/workspace/directory/me/posts/add/")
    assert form.status_code == 200
    estonia = representative.member
    assert form.context["form"]["member"].value() == estonia.pk
    response = client.post(
        "/workspace/directory/me/posts/add/",
        {"title": "Government CIO", "member": estonia.pk, "start": "2019-09-01", "end": ""},
    )
    assert response.status_code == 302
    post = Post.objects.get(user=representative)
    assert post.title == "Government CIO" and post.end is None

    response = client.post(
        f"/workspace/directory/me/posts/{post.pk}/edit/",
        {
            "title": "Government CIO",
            "member": estonia.pk,
            "start": "2019-09-01",
            "end": "2023-08-31",
        },
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.end == datetime.date(2023, 8, 31)

    html = client.get(f"/workspace/directory/{representative.pk}/").content.decode()
    assert "Government CIO" in html
    assert f"/workspace/directory/me/posts/{post.pk}/edit/" in html

    assert client.get(f"/workspace/directory/me/posts/{post.pk}/delete/").status_code == 200
    assert client.post(f"/workspace/directory/me/posts/{post.pk}/delete/").status_code == 302
    assert not Post.objects.filter(pk=post.pk).exists()

    actions = list(
        AuditEntry.objects.filter(object_type="members.Post", object_id=str(post.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]
    deleted = AuditEntry.objects.filter(object_type="members.Post", action="delete").first()
    assert deleted.before["title"] == "Government CIO"
    assert deleted.before["end"] == "2023-08-31"


def test_a_post_ending_before_it_starts_is_a_400_on_the_end_field(login, representative):
    response = login(representative).post(
        "/workspace/directory/me/posts/add/",
        {"title": "Backwards", "member": "", "start": "2020-01-01", "end": "2019-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_end"' in html
    assert 'value="Backwards"' in html
    assert not Post.objects.filter(title="Backwards").exists()


def test_a_post_without_title_or_start_is_a_400(login, representative):
    response = login(representative).post("/workspace/directory/me/posts/add/", {"title": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_title"' in html and 'href="#id_start"' in html


def test_guessing_another_persons_post_ids_finds_nothing(login, listed, other_representative):
    post = listed.directory_posts.get()
    client = login(other_representative)
    edit = f"/workspace/directory/me/posts/{post.pk}/edit/"
    delete = f"/workspace/directory/me/posts/{post.pk}/delete/"
    assert client.get(edit).status_code == 404
    assert client.get(delete).status_code == 404
    response = client.post(
        edit, {"title": "Hijacked", "member": "", "start": "2020-01-01", "end": ""}
    )
    assert response.status_code == 404
    assert client.post(delete).status_code == 404
    post.refresh_from_db()
    assert post.title == POST_TITLE
    # Nor can a new post be given to somebody else.
    client.post(
        "/workspace/directory/me/posts/add/",
        {"title": "Planted", "member": "", "start": "2020-01-01", "end": "", "user": listed.pk},
    )
    assert Post.objects.get(title="Planted").user == other_representative


def test_the_services_refuse_another_persons_post(listed, other_representative):
    post = listed.directory_posts.get()
    with pytest.raises(PermissionDenied):
        services.post_update(user=other_representative, post=post, title="Hijacked")
    with pytest.raises(PermissionDenied):
        services.post_delete(user=other_representative, post=post)
    assert Post.objects.get(pk=post.pk).title == POST_TITLE


def test_post_pages_refuse_other_methods(login, representative):
    post = _post_of(representative)
    client = login(representative)
    assert client.put(f"/workspace/directory/me/posts/{post.pk}/edit/").status_code == 405


# Never public


PUBLIC_PAGES = [
    "/",
    "/about/",
    "/members/",
    "/members/ee/",
    "/principles/",
    "/working-groups/",
    "/working-groups/digital-identity/",
    "/documents/",
    "/news/",
    "/summits/",
    "/search/?q=Zanzibarian",
    "/search/?q=Quokka",
    "/sitemap.xml",
]


def test_no_directory_data_appears_on_any_public_page(client, listed):
    for url in PUBLIC_PAGES:
        response = client.get(url, follow=True)
        if response.status_code == 404:
            continue
        body = response.content.decode()
        # (The search page repeats the words searched for; never the entry itself.)
        person_url = f"/workspace/directory/{listed.pk}/"
        for secret in (HELP, POST_TITLE, PHONE, listed.email, "Assistant:", person_url):
            assert secret not in body, f"{secret!r} on {url}"
