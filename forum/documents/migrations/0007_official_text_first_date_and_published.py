"""Where the official text of a version is, whether its text is that text or the
secretariat's summary, each version's own summary; the date of each document's first
version, by which the list sorts oldest first; communiqués, reports and other documents
members do not commit to are published, not in force; external publications."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

BINDING_TYPES = ["charter", "declaration", "framework"]


def fill_first_dates_and_statuses(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    documents = Document.objects.using(schema_editor.connection.alias)
    first = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("date", "number")
    documents.update(first_date=Coalesce(Subquery(first.values("date")[:1]), "date"))
    documents.exclude(type__in=BINDING_TYPES).filter(status="in_force").update(status="published")


def restore_statuses(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    documents = Document.objects.using(schema_editor.connection.alias)
    documents.filter(status="published").update(status="in_force")
    documents.filter(type="external").update(type="report")


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0006_version_document_year'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='first_date',
            field=models.DateField(editable=False, null=True, verbose_name='date of the first version'),
        ),
        migrations.AddField(
            model_name='documentversion',
            name='official_format',
            field=models.CharField(blank=True, choices=[('html', 'web page'), ('pdf', 'PDF'), ('document', 'word-processor file')], max_length=10, verbose_name='format of the official text'),
        ),
        migrations.AddField(
            model_name='documentversion',
            name='official_language',
            field=models.CharField(blank=True, choices=[('en', 'English'), ('fr', 'French'), ('es', 'Spanish'), ('pt', 'Portuguese'), ('ko', 'Korean'), ('he', 'Hebrew'), ('da', 'Danish'), ('et', 'Estonian')], max_length=10, verbose_name='language of the official text'),
        ),
        migrations.AddField(
            model_name='documentversion',
            name='official_publisher',
            field=models.CharField(blank=True, help_text='Who publishes the official text, such as “Government of Canada”.', max_length=255, verbose_name='publisher of the official text'),
        ),
        migrations.AddField(
            model_name='documentversion',
            name='official_url',
            field=models.URLField(blank=True, help_text='Where the publisher publishes it. Leave empty if no source gives it.', max_length=500, verbose_name='address of the official text'),
        ),
        migrations.AddField(
            model_name='documentversion',
            name='summary',
            field=models.TextField(blank=True, help_text="What this version says, in the secretariat's words. Left empty, the current version shows the document's summary.", verbose_name='summary of this version'),
        ),
        migrations.AddField(
            model_name='documentversion',
            name='text_kind',
            field=models.CharField(choices=[('official', 'The official text, word for word'), ('summary', "The secretariat's summary of the text")], default='summary', help_text='Only the official text, word for word, is called authoritative, gets a checksum and is compared word by word.', max_length=10, verbose_name='the text above is'),
        ),
        migrations.AlterField(
            model_name='document',
            name='status',
            field=models.CharField(choices=[('in_force', 'In force'), ('published', 'Published'), ('superseded', 'Superseded'), ('withdrawn', 'Withdrawn')], default='in_force', help_text='Charters, declarations and frameworks are in force; communiqués, reports and external publications are published.', max_length=10, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='document',
            name='type',
            field=models.CharField(choices=[('charter', 'Charter'), ('declaration', 'Declaration'), ('framework', 'Framework'), ('communique', 'Communiqué'), ('report', 'Report'), ('external', 'External publication'), ('other', 'Other')], max_length=12, verbose_name='type'),
        ),
        migrations.RunPython(fill_first_dates_and_statuses, restore_statuses),
        migrations.AlterField(
            model_name='document',
            name='first_date',
            field=models.DateField(editable=False, verbose_name='date of the first version'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['first_date', 'type', 'title'], name='document_oldest_order'),
        ),
    ]
