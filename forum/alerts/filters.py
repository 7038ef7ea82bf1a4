"""What a subscription's filters are: each list's own filter form decides, so a filter
means the same in an alert as on the page."""

from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wagtail.search.backends import get_search_backend

from forum.core.text import search_terms
from forum.documents.filters import DocumentFilterForm, filter_documents
from forum.documents.filters import search_ids as document_search_ids
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.practices.filters import PracticeFilterForm, filter_practices
from forum.practices.filters import search_ids as practice_search_ids
from forum.principles.models import Principle
from forum.summits.models import Summit

from .models import AlertList


class NewsFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=200, required=False, strip=True)

    @property
    def filters(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value}


def filter_form(list_name: str, data):
    """The list's filter form bound to `data` (a QueryDict or a query string)."""
    if isinstance(data, str):
        data = QueryDict(data)
    if list_name == AlertList.DOCUMENTS:
        return DocumentFilterForm(data)
    if list_name == AlertList.PRACTICES:
        return PracticeFilterForm(data)  # the public list: no status filter
    if list_name == AlertList.NEWS:
        return NewsFilterForm(data)
    raise ValueError(list_name)


def normalised_query(form) -> str:
    """The valid form's filters as a query string: known filters only, sorted."""
    return urlencode(sorted((name, str(value)) for name, value in form.filters.items()))


def _value_label(name, value, field):
    choices = getattr(field, "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    names = {
        "member": lambda: Member.objects.filter(iso_code=value).values_list("name", flat=True),
        "group": lambda: WorkingGroup.objects.filter(slug=value).values_list("name", flat=True),
        "principle": lambda: Principle.objects.filter(slug=value).values_list("name", flat=True),
        "summit": lambda: [f"{s.label} {s.year}" for s in Summit.objects.filter(slug=value)],
    }
    if name in names:
        found = list(names[name]())
        if found:
            return str(found[0])
    return str(value)


def describe(form) -> list[tuple[str, str]]:
    """The valid form's filters in words: [("Type", "Charter"), …]."""
    return [
        (str(form.fields[name].label), _value_label(name, value, form.fields[name]))
        for name, value in form.filters.items()
    ]


def matches(list_name: str, query: str, obj) -> bool:
    """Whether a published object is in the list filtered by `query`."""
    form = filter_form(list_name, query)
    if not form.is_valid():
        return False  # a filter that no longer exists (a deleted group…) matches nothing
    filters = form.filters
    if list_name == AlertList.DOCUMENTS:
        ids = document_search_ids(filters["q"]) if "q" in filters else None
        return filter_documents(filters, ids=ids).filter(pk=obj.pk).exists()
    if list_name == AlertList.PRACTICES:
        from forum.practices.models import Practice

        scope = Practice.objects.public()
        ids = practice_search_ids(filters["q"], scope) if "q" in filters else None
        return filter_practices(scope, filters, ids=ids).filter(pk=obj.pk).exists()
    if list_name == AlertList.NEWS:
        from forum.news.models import NewsItem

        scope = NewsItem.objects.filter(published=True, pk=obj.pk)
        if "q" not in filters:
            return scope.exists()
        terms = search_terms(filters["q"])
        if not terms:
            return False
        return bool(list(get_search_backend().search(" ".join(terms), scope, operator="and")))
    raise ValueError(list_name)
