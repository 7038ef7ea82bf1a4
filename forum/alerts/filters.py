"""What a subscription's filters are: each list's own filter form decides (forum.alerts.
kinds), so a filter means the same in an alert as on the page."""

from urllib.parse import urlencode

from django.http import QueryDict

from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.principles.models import Principle
from forum.summits.models import Summit

from .kinds import kind


def filter_form(list_name: str, data):
    """The list's filter form bound to `data` (a QueryDict or a query string)."""
    if isinstance(data, str):
        data = QueryDict(data)
    return kind(list_name).form(data)


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


def matches(list_name: str, query: str, record) -> bool:
    """Whether a public record is in the list filtered by `query`."""
    form = filter_form(list_name, query)
    if not form.is_valid():
        return False  # a filter that no longer exists (a deleted group…) matches nothing
    item = kind(list_name)
    return item.select(item.public().filter(pk=record.pk), form.filters).exists()
