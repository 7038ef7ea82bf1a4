"""The year of each version, stored so that lists filter and count by it with an index;
an index in the order of the documents list."""

from django.db import migrations, models


def fill_years(apps, schema_editor):
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    db = schema_editor.connection.alias
    for year in DocumentVersion.objects.using(db).dates("date", "year"):
        DocumentVersion.objects.using(db).filter(date__year=year.year).update(year=year.year)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentversion",
            name="year",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="year"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_years, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="documentversion",
            name="year",
            field=models.PositiveSmallIntegerField(db_index=True, editable=False, verbose_name="year"),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["-date", "type", "title"], name="document_list_order"),
        ),
    ]
