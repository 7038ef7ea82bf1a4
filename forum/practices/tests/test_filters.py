"""The practices lists: filters as plain GET parameters, counts beside each value,
words searched, pagination and the empty state; only what the reader may see."""

import re

import pytest

from forum.groups.models import WorkingGroup

pytestmark = pytest.mark.django_db


def titles(response):
    return [practice.title for practice in response.context["page"].object_list]


def option(html, name, value):
    """The label of one option of a filter select, count included."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)[0]
    return re.search(rf'<option value="{value}"[^>]*>([^<]*)</option>', select)[1]


@pytest.fixture
def practices(make_practice, make_user):
    estonian = make_user("representative", member="EE")
    canadian = make_user("representative", member="CA")
    data_360 = WorkingGroup.objects.get(slug="data-360")
    made = {
        "eid": make_practice(
            estonian,
            title="Digital identity for everyone",
            status="published",
            principles=["open-source"],
            themes=["Digital identity", "Open data"],
        ),
        "xroad": make_practice(
            estonian,
            title="Data exchange between agencies",
            status="published",
            principles=["open-source", "open-standards"],
            themes=["Open data"],
            group=data_360,
            results="Registers answer in milliseconds.",
        ),
        "notify": make_practice(
            canadian,
            title="Notifications to citizens",
            status="published",
            principles=["open-standards"],
            themes=["Service design"],
        ),
        # Never on the public site: members only, or not published.
        "members": make_practice(
            canadian,
            title="Members-only registers",
            status="published",
            visibility="members",
            themes=["Open data"],
            group=data_360,
            results="Registers answer in milliseconds.",
        ),
        "draft": make_practice(
            estonian,
            title="Draft about registers",
            themes=["Open data"],
            principles=["open-standards"],
        ),
    }
    return made


def test_public_list_shows_published_public_practices_only(client, practices):
    response = client.get("/practices/")
    assert response.status_code == 200
    assert sorted(titles(response)) == [
        "Data exchange between agencies",
        "Digital identity for everyone",
        "Notifications to citizens",
    ]
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feeds/practices/"' in html


def test_counts_beside_filter_values_count_public_practices_only(client, practices):
    html = client.get("/practices/").content.decode()
    assert option(html, "theme", "open-data") == "Open data (2)"
    assert option(html, "theme", "service-design") == "Service design (1)"
    assert option(html, "member", "ee") == "Estonia (2)"
    assert option(html, "member", "ca") == "Canada (1)"
    assert option(html, "group", "data-360").endswith("(1)")
    assert option(html, "principle", "open-standards").endswith("(2)")
    assert 'name="status"' not in html  # no status filter in public


def test_each_facet_is_counted_with_the_other_filters(client, practices):
    response = client.get("/practices/?member=ee")
    assert sorted(titles(response)) == [
        "Data exchange between agencies",
        "Digital identity for everyone",
    ]
    html = response.content.decode()
    assert option(html, "principle", "open-standards").endswith("(1)")
    assert option(html, "theme", "open-data") == "Open data (2)"
    # The member facet itself ignores the member filter, so other members stay choosable.
    assert option(html, "member", "ca") == "Canada (1)"
    assert re.search(r'<option value="ee" selected>', html)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "principle=open-standards",
            ["Data exchange between agencies", "Notifications to citizens"],
        ),
        ("theme=open-data", ["Data exchange between agencies", "Digital identity for everyone"]),
        ("member=CA", ["Notifications to citizens"]),
        ("group=data-360", ["Data exchange between agencies"]),
        ("theme=open-data&principle=open-standards", ["Data exchange between agencies"]),
        ("q=milliseconds", ["Data exchange between agencies"]),
        ("q=registers", ["Data exchange between agencies"]),
        ("q=notifications&member=ee", []),
    ],
)
def test_filters(client, practices, query, expected):
    response = client.get(f"/practices/?{query}")
    assert response.status_code == 200
    assert sorted(titles(response)) == expected


def test_empty_state(client, practices):
    html = client.get("/practices/?q=nothingmatchesthis").content.decode()
    assert "No practices match" in html
    assert "Clear all filters" in html


def test_empty_list_before_anything_is_published(client, db):
    html = client.get("/practices/").content.decode()
    assert "No practice has been published yet." in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("member=zz", "There is no member with the code “ZZ”."),
        ("group=nope", "There is no working group “nope”."),
        ("principle=nope", "There is no principle “nope”."),
        ("theme=nope", "There is no theme “nope”."),
    ],
)
def test_unknown_filter_values_are_a_400_with_a_message(client, practices, query, message):
    response = client.get(f"/practices/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert message in html


def test_pagination(client, make_practice, make_user):
    author = make_user("representative", member="EE")
    for number in range(23):
        make_practice(author, title=f"Practice number {number}", status="published")
    first = client.get("/practices/")
    assert len(titles(first)) == 20
    html = first.content.decode()
    assert "23 practices" in html
    assert 'href="?page=2"' in html
    second = client.get("/practices/?page=2")
    assert len(titles(second)) == 3
    assert not set(titles(first)) & set(titles(second))


def test_workspace_list_includes_members_only_and_own_drafts_with_status(
    client_for, practices, make_user
):
    estonian = client_for(make_user("representative", member="EE"))
    response = estonian.get("/workspace/practices/")
    assert response.status_code == 200
    assert sorted(titles(response)) == [
        "Data exchange between agencies",
        "Digital identity for everyone",
        "Draft about registers",
        "Members-only registers",
        "Notifications to citizens",
    ]
    html = response.content.decode()
    assert option(html, "theme", "open-data") == "Open data (4)"
    assert option(html, "status", "published") == "Published (4)"
    assert option(html, "status", "draft") == "Draft (1)"
    response = estonian.get("/workspace/practices/?status=draft")
    assert titles(response) == ["Draft about registers"]
    response = estonian.get("/workspace/practices/?q=registers")
    assert sorted(titles(response)) == [
        "Data exchange between agencies",
        "Draft about registers",
        "Members-only registers",
    ]


def test_workspace_search_never_finds_another_members_draft(client_for, practices, make_user):
    canadian = client_for(make_user("representative", member="CA"))
    response = canadian.get("/workspace/practices/?q=registers")
    assert "Draft about registers" not in titles(response)
    html = canadian.get("/workspace/practices/").content.decode()
    assert option(html, "status", "published") == "Published (4)"
    assert 'value="draft"' not in html.split('name="status"')[1].split("</select>")[0]
