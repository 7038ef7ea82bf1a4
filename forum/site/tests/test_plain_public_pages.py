"""Public pages state the forum's facts plainly: the secretariat's working notes on its
sources (confidence, disagreements, what was inferred or not found) stay in /cms/."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.html import escape

from forum.core.models import Translation
from forum.documents.models import Document, DocumentVersion
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.news.models import NewsItem
from forum.principles.models import Principle
from forum.site.models import ForumName
from forum.summits.models import Summit

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "ko"]

#: Fields where the secretariat writes how sure it is of a record, and why.
NOTE_FIELDS = {
    Member: ["notes", "confidence_note"],
    Summit: ["notes", "confidence_note", "number_note", "dates_note", "chair_note"],
    WorkingGroup: ["confidence_note"],
    Document: ["notes", "confidence_note"],
    Principle: ["confidence_note"],
    NewsItem: ["confidence_note"],
    ForumName: ["confidence_note"],
}

#: Interface wording that hedged a fact, looked up in each language.
HEDGING_MSGIDS = [
    "Confidence: %(level)s",
    "Sources differ:",
    "sources differ",
    "Not recorded",
    "None recorded",
    "No lead recorded",
    "dates not recorded",
    "place not recorded",
]
HEDGING_WORDS = ["confidence", "sources differ", "inferred", "not recorded", "not available"]
HEDGING_WORDS += ["press report"]


def public_paths(language):
    prefix = "" if language == "en" else f"/{language}"
    with translation.override(language):
        paths = [f"{prefix}/", f"{prefix}/about/"]
        kinds = ("members", "principles", "summits", "working-groups")
        paths += [f"{prefix}/{kind}/" for kind in kinds]
        paths += [f"{prefix}/documents/", f"{prefix}/news/"]
        for model in (Member, Summit, WorkingGroup, Document, Principle, NewsItem):
            paths += [record.get_absolute_url() for record in model.objects.all()]
        paths += [version.get_absolute_url() for version in DocumentVersion.objects.all()]
    return paths


def notes_in(language):
    """Every line of every note, in the language the page is in."""
    texts = []
    for model, fields in NOTE_FIELDS.items():
        for record in model.objects.all():
            texts += [getattr(record, field) for field in fields]
        content_type = ContentType.objects.get_for_model(model)
        texts += Translation.objects.filter(
            content_type=content_type, language=language, field__in=fields
        ).values_list("text", flat=True)
    return {line.strip() for text in texts for line in text.splitlines() if line.strip()}


def hedging_in(language):
    with translation.override(language):
        words = {translation.gettext(msgid).split("%(")[0].strip() for msgid in HEDGING_MSGIDS}
    if language == "en":
        words |= set(HEDGING_WORDS)
    return {word.casefold() for word in words if word}


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_show_no_working_notes_on_sources(client, language):
    notes = notes_in(language)
    assert len(notes) > 20  # the real data has notes to hide
    words = hedging_in(language)
    found = []
    for path in public_paths(language):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        folded = html.casefold()
        found += [(path, word) for word in words if word in folded]
        found += [(path, n[:60]) for n in notes if n in html or escape(n) in html]
    assert found == []


def test_public_pages_keep_their_sources_as_references(client):
    html = client.get("/working-groups/data-360/").content.decode()
    assert 'href="https://www.leadingdigitalgovs.org/data-360"' in html
    assert ">Sources<" in html
