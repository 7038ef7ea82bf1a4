"""The home and About pages, the forum's names and the loader's fingerprints now belong to
the site app (site 0001); their tables and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_content_clock"),
        ("site", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AboutPage"),
                migrations.DeleteModel(name="ForumName"),
                migrations.DeleteModel(name="HomePage"),
                migrations.DeleteModel(name="LoadedRecord"),
            ],
            database_operations=[],
        ),
    ]
