"""The home and About pages, the forum's names and the loader's fingerprints move here
from `core`. Nothing in the database moves: each model keeps its table (db_table), its
rows and its content type (renamed from core to site, so that pages, permissions,
translations and revisions that point at it by id keep pointing at it)."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

MOVED = ("homepage", "aboutpage", "forumname", "loadedrecord")
# The loader names the records it wrote by model label ("core.ForumName:D5").
LABELS = ("HomePage", "AboutPage", "ForumName")


def _move(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LoadedRecord = apps.get_model("site", "LoadedRecord")
    db = schema_editor.connection.alias
    for model in MOVED:
        if ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=source, model=model).update(
            app_label=target
        )
    for label in LABELS:
        old, new = f"{source}.{label}:", f"{target}.{label}:"
        for record in LoadedRecord.objects.using(db).filter(key__startswith=old):
            record.key = new + record.key[len(old) :]
            record.save(update_fields=["key"])


def forwards(apps, schema_editor):
    _move(apps, schema_editor, "core", "site")


def backwards(apps, schema_editor):
    _move(apps, schema_editor, "site", "core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_content_clock"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AboutPage",
                    fields=[
                        ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ("introduction", models.TextField(verbose_name="introduction")),
                        ("mission_statement", models.TextField(verbose_name="mission statement")),
                        ("aims", wagtail.fields.StreamField([("aim", 0)], block_lookup={0: ("wagtail.blocks.CharBlock", (), {"label": "aim"})}, help_text="What the forum does to fulfil its mission, one aim each.", verbose_name="aims")),
                        ("how_it_works", models.TextField(blank=True, help_text="Paragraphs separated by a blank line.", verbose_name="how the forum works")),
                    ],
                    options={"verbose_name": "about page", "db_table": "core_aboutpage"},
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="ForumName",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("sources", models.TextField(blank=True, help_text="One web address per line.", verbose_name="sources")),
                        ("confidence", models.CharField(choices=[("high", "high"), ("medium", "medium"), ("low", "low")], default="high", help_text="High: stated by an official source and not contradicted. Medium: one credible source, or minor differences. Low: sources disagree, are thin, or it is inferred.", max_length=6, verbose_name="confidence")),
                        ("confidence_note", models.TextField(blank=True, help_text="Where sources disagree, say how.", verbose_name="note on the sources")),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("abbreviation", models.CharField(max_length=10, verbose_name="abbreviation")),
                        ("start", models.DateField(help_text="First day of the month it began.", verbose_name="from")),
                        ("end", models.DateField(blank=True, null=True, verbose_name="to")),
                        ("member_count", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="members")),
                        ("event", models.TextField(blank=True, verbose_name="what happened")),
                    ],
                    options={"verbose_name": "forum name", "verbose_name_plural": "forum names", "ordering": ["start"], "db_table": "core_forumname"},
                ),
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ("lead", models.CharField(help_text="The sentence under the forum's name.", max_length=255, verbose_name="lead")),
                        ("introduction", models.TextField(verbose_name="introduction")),
                    ],
                    options={"verbose_name": "home page", "db_table": "core_homepage"},
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="LoadedRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=200, unique=True)),
                        ("digest", models.CharField(max_length=64)),
                        ("loaded_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={"verbose_name": "loaded record", "db_table": "core_loadedrecord"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
