"""`manage.py audit_verify` finds the first entry of the audit log changed, removed or
slipped in behind the application's back (raw SQL, the triggers dropped), says which,
and fails; entries pseudonymised when an account was deleted are listed, not broken."""

import io
from importlib import import_module

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from forum.core.models import AuditEntry, audit_hash, audit_personal_digest
from forum.core.services import audit_record
from forum.members import services as members
from forum.members.models import Member
from forum.site.management.commands.audit_verify import ranges

pytestmark = pytest.mark.django_db

TABLE = AuditEntry._meta.db_table
TRIGGERS = import_module("forum.core.migrations.0006_auditentry_chain").STATEMENTS


def verify() -> str:
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def broken() -> str:
    with pytest.raises(CommandError) as refused:
        verify()
    assert refused.value.returncode == 1  # manage.py exits with status 1
    return str(refused.value)


@pytest.fixture
def entries():
    member = Member.objects.get(iso_code="EE")
    return [
        audit_record(actor=None, action="update", obj=member, after={"step": step}).pk
        for step in range(4)
    ]


@pytest.fixture
def without_triggers():
    """What someone who owns the database could do: the triggers dropped (and made again
    after the test, whose transaction is rolled back anyway)."""
    create, drop = TRIGGERS[connection.vendor]

    def run(statements):
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    run(drop)
    yield connection.cursor()
    run(create)


def test_a_whole_chain_is_reported_with_its_length(entries):
    output = verify()
    assert output.startswith(
        f"The audit log's chain is whole: {AuditEntry.objects.count()} entries.\n"
    )
    last = AuditEntry.objects.order_by("pk").last()
    assert f"Last hash: {last.hash}" in output


def test_an_entry_changed_with_raw_sql_is_found(entries, without_triggers):
    without_triggers.execute(
        f"UPDATE {TABLE} SET after = %s WHERE id = %s",  # noqa: S608
        ['{"step": 99}', entries[1]],
    )
    assert f"Entry {entries[1]} was changed after it was written" in broken()


def test_a_column_outside_the_personal_ones_changed_is_found(entries, without_triggers):
    without_triggers.execute(
        f"UPDATE {TABLE} SET action = 'delete' WHERE id = %s",  # noqa: S608
        [entries[2]],
    )
    assert f"Entry {entries[2]} was changed" in broken()


def test_a_removed_entry_is_found_at_the_next(entries, without_triggers):
    without_triggers.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entries[1]])  # noqa: S608
    assert f"Entry {entries[2]} does not follow entry {entries[0]}" in broken()


def test_an_entry_slipped_in_out_of_the_chain_is_found(entries, without_triggers):
    # A well-made entry (its hashes computed as the application would) that claims to
    # follow an earlier one: a fork.
    follows = AuditEntry.objects.get(pk=entries[1])
    forged = AuditEntry(
        at=follows.at, actor_label="system", action="delete", object_type=follows.object_type
    )
    forged.object_id, forged.prev_hash = follows.object_id, follows.hash
    forged.personal_digest = audit_personal_digest(forged)
    forged.hash = audit_hash(forged)
    without_triggers.execute(
        f"INSERT INTO {TABLE} (at, actor_label, action, object_type, object_id, object_repr, "  # noqa: S608
        "personal_digest, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, '', %s, %s, %s)",
        [
            forged.at,
            forged.actor_label,
            forged.action,
            forged.object_type,
            forged.object_id,
            forged.personal_digest,
            forged.prev_hash,
            forged.hash,
        ],
    )
    slipped = AuditEntry.objects.order_by("pk").last().pk
    assert f"Entry {slipped} does not follow entry {entries[3]}" in broken()


def test_a_pseudonymisation_is_listed_not_broken(make_user):
    person = make_user("representative", member="EE", first_name="Kadri", last_name="Tamm")
    members.directory_entry_update(user=person, phone="+372 5555 0000")
    members.account_delete(user=person)
    output = verify()
    assert output.startswith("The audit log's chain is whole")
    redacted = sorted(
        AuditEntry.objects.filter(redacted_at__isnull=False).values_list("pk", flat=True)
    )
    assert redacted
    assert f"Pseudonymised when an account was deleted ({len(redacted)}): " in output


def test_a_pseudonymisation_no_redaction_entry_names_is_found(entries):
    # The triggers let a pseudonymisation through; audit_verify wants the application's
    # record of it.
    AuditEntry._base_manager.filter(pk=entries[1]).update(
        object_repr="someone", redacted_at="2026-01-01T00:00:00Z"
    )
    message = broken()
    assert f"Entry {entries[1]} was pseudonymised, but no audit.redact entry names it" in message


def test_ranges_read_short():
    assert ranges([1, 2, 3, 5, 7, 8]) == "1-3, 5, 7-8"
    assert ranges([4]) == "4"
