"""The SPEC's roles table, one test per cell: each action for the public, a
representative, a group lead and the secretariat, allowed or refused, by URL and by form
post. Detailed cases live beside each feature; this file is the table at a glance."""

import datetime

import pytest

from django.test import Client

from forum.accounts.models import User
from forum.decisions import services as decision_services
from forum.decisions import workspace_views as decision_views
from forum.decisions.models import Decision
from forum.documents.models import DocumentQuerySet
from forum.groups.models import GroupMembership
from forum.members.models import Member
from forum.practices import models as practice_models
from forum.practices import services as practice_services
from forum.practices.forms import PracticeForm
from forum.practices.services import (
    practice_create,
    practice_publish,
    practice_submit,
    practice_update,
)
from forum.principles.models import Principle
from forum.statements import services as statement_services
from forum.statements import workspace_views as statement_views
from forum.statements.models import Statement, StatementStatus

pytestmark = pytest.mark.django_db

ROLES = ["public", "representative", "group_lead", "secretariat"]


@pytest.fixture
def as_role(client, verified_login, representative, group_lead, secretariat):
    """A client for a role of the table; the representative is Estonian and in no group,
    the group lead leads Data 360, the secretariat is verified with TOTP."""
    people = {
        "representative": representative,
        "group_lead": group_lead,
        "secretariat": secretariat,
    }

    def for_role(role):
        if role == "public":
            return client
        return verified_login(people[role])

    return for_role


@pytest.fixture
def canadian_practice(make_user):
    author = make_user("representative", member="CA")
    practice = practice_create(
        actor=author,
        member=Member.objects.get(iso_code="CA"),
        title="Canada's digital standards",
        summary="Ten standards for digital services.",
        problem="Services were built differently in every department.",
        approach="Ten shared standards, applied in every service review.",
        results="Reviews became faster and services more consistent.",
    )
    return practice_submit(actor=author, practice=practice)


def allowed(response):
    return (
        response.status_code in (200, 302)
        and "/accounts/sign-in/" not in response.get("Location", "")
        and "/accounts/two-factor" not in response.get("Location", "")
    )


YES_FOR_OFFICIALS = {
    "public": False,
    "representative": True,
    "group_lead": True,
    "secretariat": True,
}
SECRETARIAT_ONLY = {
    "public": False,
    "representative": False,
    "group_lead": False,
    "secretariat": True,
}


# Each row of the table is a check that raises AssertionError when a role is allowed or
# refused against the table; the tests below run it for every role, and once more with
# the permission that decides it broken, where it must fail.


# Row 1: read public content, API, feeds: everyone.
PUBLIC_READS = {
    "/documents/dn-charter/": "Digital Nations Charter",
    "/api/v1/documents/": '"slug": "dn-charter"',
    "/feeds/documents/": "<title>Digital Nations: key documents</title>",
}


def check_reading_public_content(as_role, role, expected, **_):
    for url, content in PUBLIC_READS.items():
        response = as_role(role).get(url)
        assert (response.status_code == 200 and content in response.content.decode()) is expected


# Row 2: read members-only practices, questions, directory.
def check_members_only_areas(as_role, role, expected, **_):
    for url in ["/workspace/practices/", "/workspace/questions/", "/workspace/directory/"]:
        response = as_role(role).get(url)
        assert (response.status_code == 200) is expected
        if role == "public":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/sign-in/")


# Row 3: draft, edit, submit practices of their own member.
def check_drafting_a_practice_of_ones_own_member(as_role, role, expected, **_):
    client = as_role(role)
    assert (client.get("/workspace/practices/new/").status_code == 200) is expected


# Row 4: edit another member's practice: only the secretariat.
def edit_form_data(practice, **changes) -> dict:
    """Every field of the practice's edit form as the form shows it, with `changes`: a
    post that the form takes when the person may edit."""
    form = PracticeForm(user=User(role="secretariat", is_superuser=True), practice=practice)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, "", [], ()):
            continue
        data[name] = [str(item) for item in value] if isinstance(value, list | tuple) else value
    return {**data, **changes}


def check_editing_another_members_practice(as_role, role, expected, published_practice, **_):
    # Published, so that every official may read it: what refuses them is the edit
    # permission itself, not the practice being out of sight.
    practice = published_practice
    client = as_role(role)
    url = f"/workspace/practices/{practice.slug}/edit/"
    assert (client.get(url).status_code == 200) is expected
    response = client.post(url, edit_form_data(practice, title="Taken over"))
    practice.refresh_from_db()
    assert (practice.title == "Taken over") is expected
    if expected:
        assert response.status_code == 302
    else:
        assert practice.title == "Canada's service standard"


# Row 5: group workspace: a representative only if in the group; the lead manages.
GROUP_WORKSPACE = {
    "public": (False, False),
    "representative": (False, False),  # until added to the group: then reads, not manages
    "group_lead": (True, True),
    "secretariat": (True, True),
}


def check_group_workspace(as_role, role, expected, representative, working_group, **_):
    reads, manages = expected
    group_url = f"/workspace/groups/{working_group.slug}/"
    client = as_role(role)
    assert (client.get(group_url).status_code == 200) is reads
    assert (client.get(group_url + "drafts/new/").status_code == 200) is manages
    if role == "public":
        assert client.get(group_url).status_code == 302
    if role == "representative":
        GroupMembership.objects.create(group=working_group, user=representative)
        assert client.get(group_url).status_code == 200
        assert client.get(group_url + "drafts/new/").status_code == 403


# Row 6: publish, moderate, invite, edit site content: only the secretariat.
def check_publishing_inviting_and_editing_the_site(as_role, role, expected, canadian_practice, **_):
    client = as_role(role)
    assert allowed(client.get("/cms/")) is expected
    assert allowed(client.get("/cms/invitations/")) is expected
    assert allowed(client.get("/cms/to-verify/")) is expected
    client.post(f"/workspace/practices/{canadian_practice.slug}/publish/")
    canadian_practice.refresh_from_db()
    assert (canadian_practice.status == "published") is expected


# Row 7: the audit log: only the secretariat.
def check_reading_the_audit_log(as_role, role, expected, **_):
    assert (as_role(role).get("/workspace/audit/").status_code == 200) is expected


# Row 8: a member's edit of a published practice goes live only once the secretariat
# approves it. Officials of the member post their own edit; everyone then asks to publish
# the change the representative has already sent.
MEMBERS_EDIT = "Rewritten by its member"


def check_a_members_edit_of_a_published_practice_going_live(
    as_role, role, expected, changed_practice, **_
):
    practice = changed_practice
    client = as_role(role)
    url = f"/workspace/practices/{practice.slug}/"
    if role in ("representative", "group_lead"):
        response = client.post(url + "edit/", edit_form_data(practice, title=MEMBERS_EDIT))
        assert response.status_code == 302
    client.post(url + "publish/")
    public = Client().get(practice.get_absolute_url()).content.decode()
    assert (MEMBERS_EDIT in public) is expected
    assert ("Testland once-only register" not in public) is expected


# Row 9: a decision's status: the secretariat and the leads of the group that carries it.
def check_updating_a_groups_decision(as_role, role, expected, group_decision, **_):
    url = f"/workspace/decisions/{group_decision.pk}/status/"
    as_role(role).post(url, {"status": "in_progress"})
    group_decision.refresh_from_db()
    assert (group_decision.status == "in_progress") is expected


# Row 10: progress on a decision a member carries: any official of that member proposes it
# (it waits for the secretariat), as do the group's leads and the secretariat.
def check_proposing_progress(as_role, role, expected, group_decision, **_):
    url = f"/workspace/decisions/{group_decision.pk}/progress/"
    as_role(role).post(url, {"date": "2031-01-31", "text": "Half of it is done.", "url": ""})
    assert group_decision.progress_notes.filter(text="Half of it is done.").exists() is expected


# Row 11: a proposed progress note goes public once the secretariat approves it.
def check_approving_progress(as_role, role, expected, proposed_note, **_):
    as_role(role).post(f"/workspace/decisions/progress/{proposed_note.pk}/approve/")
    proposed_note.refresh_from_db()
    assert proposed_note.approved is expected
    public = Client().get(proposed_note.decision.get_absolute_url()).content.decode()
    assert ("A first report is drafted." in public) is expected


# Row 12: a member's statement on a principle: its own officials draft it in the
# workspace. (The secretariat, who belongs to no member, writes one in /cms/.)
def check_drafting_a_statement(as_role, role, expected, **_):
    as_role(role).post("/workspace/statements/user-needs/", {"text": "We ask users first."})
    drafted = Statement.objects.filter(
        member__iso_code="QA", text="We ask users first.", status=StatementStatus.DRAFT
    )
    assert drafted.exists() is expected


# Row 13: a submitted statement goes public once the secretariat publishes it.
def check_publishing_a_statement(as_role, role, expected, submitted_statement, **_):
    as_role(role).post(f"/workspace/statements/{submitted_statement.pk}/publish/")
    submitted_statement.refresh_from_db()
    assert (submitted_statement.status == StatementStatus.PUBLISHED) is expected
    public = Client().get("/principles/user-needs/").content.decode()
    assert ("Every service is tested with its users." in public) is expected


DRAFT_STATEMENTS = {
    "public": False,
    "representative": True,
    "group_lead": True,
    "secretariat": False,
}

UPDATE_DECISIONS = {
    "public": False,
    "representative": False,
    "group_lead": True,
    "secretariat": True,
}

TABLE = {
    "read public content": (check_reading_public_content, dict.fromkeys(ROLES, True)),
    "members-only areas": (check_members_only_areas, YES_FOR_OFFICIALS),
    "draft own practices": (check_drafting_a_practice_of_ones_own_member, YES_FOR_OFFICIALS),
    "edit another member's practice": (check_editing_another_members_practice, SECRETARIAT_ONLY),
    "group workspace": (check_group_workspace, GROUP_WORKSPACE),
    "publish, invite, edit site": (
        check_publishing_inviting_and_editing_the_site,
        SECRETARIAT_ONLY,
    ),
    "audit log": (check_reading_the_audit_log, SECRETARIAT_ONLY),
    # The secretariat: yes, by approving it; the member's officials: no, however they try.
    "member's edit of a published practice goes live": (
        check_a_members_edit_of_a_published_practice_going_live,
        SECRETARIAT_ONLY,
    ),
    "update a group's decisions": (check_updating_a_groups_decision, UPDATE_DECISIONS),
    "propose progress on a decision one's member carries": (
        check_proposing_progress,
        YES_FOR_OFFICIALS,
    ),
    "approve proposed progress": (check_approving_progress, SECRETARIAT_ONLY),
    "draft one's member's statement": (check_drafting_a_statement, DRAFT_STATEMENTS),
    "publish a statement": (check_publishing_a_statement, SECRETARIAT_ONLY),
}
CELLS = [(row, role) for row in TABLE for role in ROLES]


@pytest.fixture
def published_practice(make_user):
    author = make_user("representative", member="CA")
    practice = practice_create(
        actor=author,
        member=Member.objects.get(iso_code="CA"),
        title="Canada's service standard",
        summary="What every service meets.",
        problem="Services were uneven.",
        approach="One standard, assessed before launch.",
        results="Services meet it before they open.",
    )
    practice = practice_submit(actor=author, practice=practice)
    return practice_publish(actor=make_user("secretariat"), practice=practice)


@pytest.fixture
def changed_practice(representative, secretariat):
    """A public practice of the representative's member, published, with a change of
    theirs waiting for review."""
    practice = practice_create(
        actor=representative,
        member=representative.member,
        title="Testland once-only register",
        summary="Data asked for once.",
        problem="The same forms, again and again.",
        approach="One register that every agency reads.",
        results="Shorter forms.",
        visibility="public",
    )
    practice = practice_submit(actor=representative, practice=practice)
    practice = practice_publish(actor=secretariat, practice=practice)
    return practice_update(actor=representative, practice=practice, title=MEMBERS_EDIT)


@pytest.fixture
def group_decision(working_group, member):
    """A decision the test group and Testland carry, to be done by the next summit."""
    decision = Decision(
        title="A report on once-only registers", group=working_group, by_next_summit=True
    )
    decision.save()
    decision.members.set([member])
    decision.save()
    return decision


@pytest.fixture
def proposed_note(group_decision, make_user, member):
    """Progress proposed by another official of Testland, waiting for approval."""
    author = make_user("representative", member=member)
    return decision_services.progress_note_propose(
        actor=author,
        decision=group_decision,
        date=datetime.date(2031, 1, 15),
        text="A first report is drafted.",
    )


@pytest.fixture
def submitted_statement(representative):
    """Testland's statement on user needs, submitted by its representative."""
    statement = statement_services.statement_draft(
        actor=representative,
        member=representative.member,
        principle=Principle.objects.get(slug="user-needs"),
        text="Every service is tested with its users.",
    )
    return statement_services.statement_submit(actor=representative, statement=statement)


@pytest.fixture
def cell(
    as_role,
    representative,
    working_group,
    canadian_practice,
    published_practice,
    changed_practice,
    group_decision,
    proposed_note,
    submitted_statement,
):
    """Runs one cell of the table; everything it needs is made before it runs."""

    def run(row, role):
        check, expected = TABLE[row]
        check(
            as_role,
            role,
            expected[role],
            representative=representative,
            working_group=working_group,
            canadian_practice=canadian_practice,
            published_practice=published_practice,
            changed_practice=changed_practice,
            group_decision=group_decision,
            proposed_note=proposed_note,
            submitted_statement=submitted_statement,
        )

    return run


@pytest.mark.parametrize(("row", "role"), CELLS)
def test_the_roles_table(cell, row, role):
    cell(row, role)


# Breaking the permission that decides a row: each signed-in cell must then fail. (The
# public's cells are decided before any permission, by signing in, which each check
# asserts: a redirect to the sign-in page.)


def _inverted_property(monkeypatch, cls, name):
    original = getattr(cls, name)
    monkeypatch.setattr(cls, name, property(lambda self: not original.fget(self)))


def _inverted_method(monkeypatch, target, name):
    original = getattr(target, name)
    monkeypatch.setattr(target, name, lambda *args, **kwargs: not original(*args, **kwargs))


def break_public_reading(monkeypatch):
    # The public's reading rests on the domains' own definitions of what is public.
    monkeypatch.setattr(DocumentQuerySet, "public", lambda self: self.none())
    monkeypatch.setattr(DocumentQuerySet, "listed", lambda self: self.none())


def break_official_check(monkeypatch):
    _inverted_property(monkeypatch, User, "is_member_official")


def break_editing_for_a_member(monkeypatch):
    _inverted_method(monkeypatch, practice_models, "can_edit_for_member")
    _inverted_method(monkeypatch, practice_services, "can_edit_for_member")


def break_group_roles(monkeypatch):
    _inverted_method(monkeypatch, User, "leads")
    _inverted_method(monkeypatch, User, "belongs_to")


def break_secretariat_check(monkeypatch):
    _inverted_property(monkeypatch, User, "is_secretariat")


def break_moderation(monkeypatch):
    # The row rests on two rules: a member's change to a published practice waits for
    # review, and only the secretariat publishes it.
    monkeypatch.setattr(practice_models.Practice, "change_needs_review", lambda *a: False)
    break_secretariat_check(monkeypatch)


def break_decision_updating(monkeypatch):
    for module in (decision_services, decision_views):
        _inverted_method(monkeypatch, module, "can_update")


def break_progress_proposing(monkeypatch):
    for module in (decision_services, decision_views):
        _inverted_method(monkeypatch, module, "can_propose")


def break_editing_for_ones_member(monkeypatch):
    for module in (statement_services, statement_views):
        _inverted_method(monkeypatch, module, "can_edit_for_member")


BREAKS = {
    "read public content": break_public_reading,
    "members-only areas": break_official_check,
    "draft own practices": break_official_check,
    "edit another member's practice": break_editing_for_a_member,
    "group workspace": break_group_roles,
    "publish, invite, edit site": break_secretariat_check,
    "audit log": break_secretariat_check,
    "member's edit of a published practice goes live": break_moderation,
    "update a group's decisions": break_decision_updating,
    "propose progress on a decision one's member carries": break_progress_proposing,
    "approve proposed progress": break_secretariat_check,
    "draft one's member's statement": break_editing_for_ones_member,
    "publish a statement": break_secretariat_check,
}
#: Cells no permission decides: the secretariat belongs to no member, so it has no
#: member's statement to draft in the workspace whatever the permissions say.
UNBREAKABLE = {("draft one's member's statement", "secretariat")}


@pytest.mark.parametrize(
    ("row", "role"), [c for c in CELLS if c[1] != "public" and c not in UNBREAKABLE]
)
def test_each_cell_fails_when_its_permission_is_broken(cell, monkeypatch, row, role):
    BREAKS[row](monkeypatch)
    with pytest.raises(AssertionError):
        cell(row, role)
