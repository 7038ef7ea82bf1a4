"""The audit log chained, with the client's address, and pseudonymised when a person's
account is deleted (forum.core.models.AuditEntry says how).

The triggers of 0002 are replaced by those below: they still refuse every DELETE and
every UPDATE, except one that changes only the personal columns (actor_label,
object_repr, before, after, client_address) and sets redacted_at: the pseudonymisation of
a deleted person (forum.members.services). On PostgreSQL they refuse TRUNCATE as well,
unless the session's `forum.audit_truncate` setting is 'allow': the test suite sets it
(the root conftest.py), because pytest-django empties the database between transactional
tests with TRUNCATE.

Entries written before this migration are chained here, in the order of their ids.

On SQLite, a later migration that alters core_auditentry rebuilds the table, and the
rebuild drops its triggers: such a migration must create them again, with
`import_module("forum.core.migrations.0006_auditentry_chain").create_triggers` in a
RunPython after the change. forum/core/tests/test_audit.py fails if they are missing.
"""

from importlib import import_module

import django.utils.timezone
from django.db import migrations, models

FROZEN = ("id", "at", "actor_id", "action", "object_type", "object_id")
CHAIN = ("personal_digest", "prev_hash", "hash")
_SQLITE_SAME = " AND ".join(f"NEW.{name} IS OLD.{name}" for name in FROZEN + CHAIN)
_POSTGRESQL_COLUMNS = ", ".join(f"{{0}}.{name}" for name in FROZEN + CHAIN)

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update
    BEFORE UPDATE ON core_auditentry
    WHEN NOT (NEW.redacted_at IS NOT NULL AND {_SQLITE_SAME})
    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
    """,
    """
    CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete
    BEFORE DELETE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete;",
]

POSTGRESQL_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION core_auditentry_guard() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            IF current_setting('forum.audit_truncate', true) = 'allow' THEN
                RETURN NULL;
            END IF;
        ELSIF TG_OP = 'UPDATE' THEN
            IF NEW.redacted_at IS NOT NULL
               AND ({_POSTGRESQL_COLUMNS.format("NEW")})
                   IS NOT DISTINCT FROM ({_POSTGRESQL_COLUMNS.format("OLD")}) THEN
                RETURN NEW;
            END IF;
        END IF;
        RAISE EXCEPTION 'The audit log is append-only.'
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;",
    """
    CREATE TRIGGER core_auditentry_no_update
    BEFORE UPDATE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_guard();
    """,
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete ON core_auditentry;",
    """
    CREATE TRIGGER core_auditentry_no_delete
    BEFORE DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_guard();
    """,
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;",
    """
    CREATE TRIGGER core_auditentry_no_truncate
    BEFORE TRUNCATE ON core_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_guard();
    """,
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete ON core_auditentry;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;",
    "DROP FUNCTION IF EXISTS core_auditentry_guard();",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
}


def _run(schema_editor, index):
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements is None:
        # Another database: the model and queryset still refuse updates and deletes.
        return
    for sql in statements[index]:
        schema_editor.execute(sql)


def create_triggers(apps, schema_editor):
    _run(schema_editor, 0)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, 1)


_append_only = import_module("forum.core.migrations.0002_auditentry_append_only_triggers")


def chain(apps, schema_editor):
    """Chain the entries written before, in the order of their ids."""
    from forum.core.models import audit_hash, audit_personal_digest

    entry_model = apps.get_model("core", "AuditEntry")
    entries = entry_model.objects.using(schema_editor.connection.alias).order_by("pk")
    previous, last_pk = "", 0
    while batch := list(entries.filter(pk__gt=last_pk)[:500]):
        for entry in batch:
            entry.personal_digest = audit_personal_digest(entry)
            entry.prev_hash = previous
            entry.hash = previous = audit_hash(entry)
        entries.bulk_update(batch, CHAIN)
        last_pk = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("core", "0005_move_site_models")]

    operations = [
        migrations.RunPython(
            _append_only.drop_triggers, _append_only.create_triggers, elidable=False
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="when",
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="client_address",
            field=models.GenericIPAddressField(
                blank=True, null=True, verbose_name="client address"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="personal_digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="redacted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="pseudonymised"
            ),
        ),
        migrations.RunPython(chain, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
