"""The audit log is append-only in the database itself: triggers refuse every UPDATE and
DELETE of core_auditentry, so that not even raw SQL can change or remove an entry.

(The model and its queryset refuse too; these triggers cover everything else.)
PostgreSQL's TRUNCATE is left alone on purpose: it is what Django's test runner uses to
empty the database between transactional tests, and only the database owner can run it.

Migration 0006 replaces these triggers (pseudonymisation allowed, TRUNCATE refused on
PostgreSQL): a later migration that alters core_auditentry re-creates those of 0006.
Emptying the table (`manage.py flush` on SQLite, a transactional test that leaves entries
behind) is refused too.
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update
    BEFORE UPDATE ON core_auditentry
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
    """
    CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'The audit log is append-only.'
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;",
    """
    CREATE TRIGGER core_auditentry_no_update
    BEFORE UPDATE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
    """,
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete ON core_auditentry;",
    """
    CREATE TRIGGER core_auditentry_no_delete
    BEFORE DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
    """,
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete ON core_auditentry;",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only();",
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


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
