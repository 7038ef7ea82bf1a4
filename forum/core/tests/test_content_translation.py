"""Records in the visitor's language: translations shown where they exist, the English
text with a notice where they do not, and the English original never overwritten."""

import datetime

import pytest

from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from forum.core.models import Translation
from forum.core.translation import TRANSLATABLE, find_record, reading_in, record_key
from forum.documents.models import DocumentVersion
from forum.members.models import Member
from forum.news.models import NewsItem
from forum.site.loading import forum_data_load

pytestmark = pytest.mark.django_db

NOTICE = 'id="translation-notice"'


@pytest.fixture
def news_item():
    return NewsItem.objects.create(
        slug="tallinn-workshop",
        title="Workshop on digital identity in Tallinn",
        date=datetime.date(2026, 5, 4),
        summary="Officials of six members compared their digital identity schemes.",
    )


def translate(obj, field, language, text):
    return Translation.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        field=field,
        language=language,
        text=text,
    )


def test_a_record_without_translation_is_shown_in_english_with_a_notice(client, news_item):
    html = client.get("/fr/news/tallinn-workshop/").content.decode()
    assert "Workshop on digital identity in Tallinn" in html
    assert NOTICE in html
    assert "affichées en anglais" in html  # the notice is in French
    assert NOTICE not in client.get("/news/tallinn-workshop/").content.decode()


def test_a_translated_record_is_shown_in_the_visitors_language(client, news_item):
    translate(news_item, "title", "fr", "Atelier sur l'identité numérique à Tallinn")
    translate(news_item, "summary", "fr", "Des agents de six membres ont comparé leurs systèmes.")
    html = client.get("/fr/news/tallinn-workshop/").content.decode()
    assert "<h1>Atelier sur l&#x27;identité numérique à Tallinn</h1>" in html
    assert "Des agents de six membres ont comparé leurs systèmes." in html
    assert "Workshop on digital identity in Tallinn" not in html
    assert NOTICE not in html
    # Other languages keep the English text, with their own notice.
    html = client.get("/da/news/tallinn-workshop/").content.decode()
    assert "Workshop on digital identity in Tallinn" in html
    assert NOTICE in html
    english = client.get("/news/tallinn-workshop/").content.decode()
    assert "<h1>Workshop on digital identity in Tallinn</h1>" in english


def test_reading_a_translation_never_writes_it_over_the_english(news_item):
    translate(news_item, "title", "fr", "Atelier à Tallinn")
    with reading_in("fr"):
        item = NewsItem.objects.get(pk=news_item.pk)
        assert item.title == "Atelier à Tallinn"
        item.date = datetime.date(2026, 5, 5)
        item.save()
    item.refresh_from_db()
    assert item.title == "Workshop on digital identity in Tallinn"
    assert item.date == datetime.date(2026, 5, 5)


def test_the_workspace_is_not_translated_where_records_are_edited(client, login, representative):
    member = Member.objects.get(iso_code="EE")
    assert Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(Member), object_id=str(member.pk)
    ).exists()
    login(representative)
    html = client.get("/et/workspace/").content.decode()
    assert 'lang="et"' in html
    assert NOTICE not in html


def test_the_forums_translations_are_loaded_for_every_language():
    languages = set(Translation.objects.values_list("language", flat=True))
    assert languages == {"fr", "es", "pt", "ko", "he", "da", "et"}
    estonia = Member.objects.get(iso_code="EE")
    names = dict(
        Translation.objects.filter(
            content_type=ContentType.objects.get_for_model(Member),
            object_id=str(estonia.pk),
            field="name",
        ).values_list("language", "text")
    )
    assert names["ko"] == "에스토니아"
    assert names["et"] == "Eesti"
    assert names["fr"] == "Estonie"


def test_a_translation_edited_in_the_cms_is_kept_by_the_loader_unless_forced():
    estonia = Member.objects.get(iso_code="EE")
    row = Translation.objects.get(
        content_type=ContentType.objects.get_for_model(Member),
        object_id=str(estonia.pk),
        field="name",
        language="fr",
    )
    row.text = "République d'Estonie"
    row.save()
    report = forum_data_load()
    row.refresh_from_db()
    assert row.text == "République d'Estonie"
    assert any(key.startswith("core.Translation") for key in report.kept)
    forum_data_load(force=True)
    row.refresh_from_db()
    assert row.text == "Estonie"


def test_records_with_keys_of_several_fields_are_found_again():
    version = DocumentVersion.objects.get(document__slug="dn-charter", number=5)
    key = record_key(version, TRANSLATABLE["document_versions"].key)
    assert key == "dn-charter/5"
    assert find_record(DocumentVersion, TRANSLATABLE["document_versions"].key, key) == version
    assert find_record(DocumentVersion, TRANSLATABLE["document_versions"].key, "nope") is None


def test_the_secretariat_translates_a_record_in_the_cms(verified_secretariat_client, news_item):
    client = verified_secretariat_client
    content_type = ContentType.objects.get_for_model(NewsItem)
    form = client.get("/cms/snippets/core/translation/add/")
    assert form.status_code == 200
    assert "Workshop on digital identity in Tallinn" in form.content.decode()  # a record choice
    response = client.post(
        "/cms/snippets/core/translation/add/",
        {
            "record": f"{content_type.pk}:{news_item.pk}",
            "field": "title",
            "language": "pt",
            "text": "Oficina sobre identidade digital em Taline",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/pt/news/tallinn-workshop/").content.decode()
    assert "Oficina sobre identidade digital em Taline" in html
    row = Translation.objects.get(
        content_type=content_type, object_id=str(news_item.pk), field="title", language="pt"
    )
    with translation.override("en"):
        assert row.record_label() == "News item: Workshop on digital identity in Tallinn"
    listing = client.get("/cms/snippets/core/translation/?language=pt").content.decode()
    first = Translation.objects.filter(language="pt").first()
    with translation.override("en"):
        assert str(first.record_label()) in listing  # each row names its record


def test_the_cms_refuses_a_field_the_record_does_not_translate(
    verified_secretariat_client, news_item
):
    content_type = ContentType.objects.get_for_model(NewsItem)
    response = verified_secretariat_client.post(
        "/cms/snippets/core/translation/add/",
        {
            "record": f"{content_type.pk}:{news_item.pk}",
            "field": "government_body",
            "language": "pt",
            "text": "Algo",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "translatable fields are: title, summary, body" in html
    assert "Algo" in html  # what was typed is kept
    assert not Translation.objects.filter(text="Algo").exists()
