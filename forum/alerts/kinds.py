"""The lists one can get alerts for, in one registry. Each kind says which filter form
decides what a subscription's filters mean (the list page's own, so a filter means the
same in an alert as on the page), what of it is public (the domain's own verb, so
"public" is decided once, by the domain), how filters select from it, and what saving
makes new: a record becoming public, a new part of one (a document's new version), or a
part becoming public (a decision's progress note, once the secretariat approves it)."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from forum.core.forms import QueryField
from forum.core.fulltext import Match
from forum.decisions.filters import DecisionFilterForm, filter_decisions
from forum.decisions.models import Decision, ProgressNote
from forum.documents.filters import DocumentFilterForm, filter_documents
from forum.documents.filters import search_ids as document_search_ids
from forum.documents.models import Document, DocumentVersion
from forum.news.models import NewsItem
from forum.practices.filters import PracticeFilterForm, filter_practices
from forum.practices.filters import search_ids as practice_search_ids
from forum.practices.models import Practice

from .models import AlertList


class NewsFilterForm(forms.Form):
    q = QueryField(label=_("Words"), max_length=200, required=False, strip=True)

    @property
    def filters(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value}


@dataclass(frozen=True)
class Kind:
    list: AlertList
    #: The list page's filter form.
    form: type[forms.Form]
    #: What of this kind the public sees.
    public: Callable[[], QuerySet]
    #: The public records the (valid) filters select.
    select: Callable[[QuerySet, dict], QuerySet]
    #: Saving a new one of these makes something new to alert about: a new document
    #: version (its document is what is new). None: a record that becomes public.
    new_part: type[Model] | None = None
    #: The part's field that names its record, and what a sent alert about a part is
    #: called ("document-version:12").
    part_of: str = "document_id"
    part_name: str = "document-version"
    #: Whether a part is public; a part then alerts when it becomes public, saved new or
    #: not (a progress note approved). None: every new part alerts.
    part_public: Callable[[Model], bool] | None = None
    #: Whether a record becoming public alerts too, besides its new parts.
    records_too: bool = False

    def record_of(self, part) -> int:
        """The id of the public record a newly saved part belongs to."""
        return getattr(part, self.part_of)

    def key(self, record_id: int, part=None) -> str:
        """What was sent, so that it is sent once to each subscriber."""
        if part is not None:
            return f"{self.part_name}:{part.pk}"
        return f"{self.list}:{record_id}"


def _documents(scope, filters):
    ids = document_search_ids(filters["q"]) if "q" in filters else None
    return filter_documents(filters, ids=ids).filter(pk__in=scope.values("pk"))


def _practices(scope, filters):
    ids = practice_search_ids(filters["q"], scope) if "q" in filters else None
    return filter_practices(scope, filters, ids=ids)


def _decisions(scope, filters):
    return filter_decisions(filters).filter(pk__in=scope.values("pk"))


def _news(scope, filters):
    if "q" not in filters:
        return scope
    return Match(NewsItem, filters["q"], within=scope, language=settings.LANGUAGE_CODE).filter(
        scope
    )


KINDS = {
    AlertList.DOCUMENTS: Kind(
        AlertList.DOCUMENTS,
        DocumentFilterForm,
        lambda: Document.objects.public(),
        _documents,
        new_part=DocumentVersion,
    ),
    AlertList.NEWS: Kind(
        AlertList.NEWS, NewsFilterForm, lambda: NewsItem.objects.published(), _news
    ),
    # The public list, without the workspace's status filter.
    AlertList.PRACTICES: Kind(
        AlertList.PRACTICES, PracticeFilterForm, lambda: Practice.objects.public(), _practices
    ),
    # A new decision, and what became of one: a progress note the secretariat recorded
    # or approved ("tell me when a decision of this group changes").
    AlertList.DECISIONS: Kind(
        AlertList.DECISIONS,
        DecisionFilterForm,
        lambda: Decision.objects.public(),
        _decisions,
        new_part=ProgressNote,
        part_of="decision_id",
        part_name="progress-note",
        part_public=lambda note: note.approved,
        records_too=True,
    ),
}


def kind(list_name: str) -> Kind:
    """The kind of a list's name; ValueError for a name that is none."""
    return KINDS[AlertList(list_name)]
