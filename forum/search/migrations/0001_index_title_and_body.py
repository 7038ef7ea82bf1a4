"""On PostgreSQL, a GIN index on the search index's `title || body`: the expression the
site search and the lists match (forum.core.fulltext), which the separate indexes on
title and on body cannot serve. Nothing to do on SQLite, whose FTS5 table is its index."""

from django.db import migrations

INDEX = "forum_search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop)]
