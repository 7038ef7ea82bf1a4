"""The practices lists' filters: read from the query string, applied to the practices a
person may see, and counted per value (each facet counted with the other filters applied).

The public list, the workspace list and the feed all use `PracticeFilterForm` and
`filter_practices`, so what a filter means is decided here once. Every function takes
the `scope`: the practices this reader may see (`Practice.objects.public()` on the public
site, `Practice.objects.visible_to(user)` in the workspace); nothing outside it is ever
counted, searched or shown.
"""

from django import forms
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from forum.core.facets import cached_counts
from forum.core.facets import facet_fields as shared_facet_fields
from forum.core.forms import CodeField, KnownRecordsMixin, QueryField
from forum.core.fulltext import Match
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.principles.models import Principle

from .models import Practice, PracticeStatus, TaggedPractice

PUBLIC_FACETS = ("principle", "theme", "member", "group")
WORKSPACE_FACETS = (*PUBLIC_FACETS, "status")


class PracticeFilterForm(KnownRecordsMixin, forms.Form):
    q = QueryField(label=_("Words"), max_length=200, required=False, strip=True)
    principle = forms.SlugField(label=_("Principle"), required=False)
    theme = forms.CharField(label=_("Theme"), max_length=100, required=False, strip=True)
    member = CodeField(label=_("Member"), max_length=2, required=False)
    group = forms.SlugField(label=_("Working group"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *PracticeStatus.choices], required=False
    )

    def __init__(self, *args, with_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_status:
            del self.fields["status"]
        self.facets = WORKSPACE_FACETS if with_status else PUBLIC_FACETS

    known = {
        "member": (Member, "iso_code", _("There is no member with the code “%s”.")),
        "group": (WorkingGroup, "slug", _("There is no working group “%s”.")),
        "principle": (Principle, "slug", _("There is no principle “%s”.")),
        "theme": (Tag, "slug", _("There is no theme “%s”.")),
    }

    @property
    def filters(self) -> dict:
        """The filters in use, by facet name; `q` included."""
        return {name: value for name, value in self.cleaned_data.items() if value}


def search_ids(query: str, scope) -> Match:
    """The practices of `scope` holding every word of the query (forum.core.fulltext):
    what the filter `q` selects, as a subquery; nothing outside the scope is searched."""
    return Match(Practice, query, within=scope)


def _apply(queryset, name, value, ids):
    if name == "q":
        return ids.filter(queryset)
    if name == "status":
        return queryset.filter(status=value)
    if name == "member":
        return queryset.filter(member__iso_code=value)
    if name == "group":
        return queryset.filter(group__slug=value)
    if name == "principle":
        links = Practice.principles.through.objects.filter(principle__slug=value)
        return queryset.filter(pk__in=links.values("practice_id"))
    if name == "theme":
        links = TaggedPractice.objects.filter(tag__slug=value)
        return queryset.filter(pk__in=links.values("content_object_id"))
    raise ValueError(name)


def filter_practices(scope, filters: dict, *, skip: str | None = None, ids=None):
    queryset = scope
    for name, value in filters.items():
        if name != skip:
            queryset = _apply(queryset, name, value, ids)
    return queryset


def facet_counts(
    scope, filters: dict, facets, ids=None, *, cache_as: str | None = None
) -> dict[str, list[tuple[str, str, int]]]:
    """For each facet, its values as (value, label, number of practices), each counted
    with the other filters applied; kept in the cache under `cache_as` (forum.core.facets)
    where the scope is the same for everyone (the public list)."""

    def others(name):
        return filter_practices(scope, filters, skip=name, ids=ids).order_by().values("pk")

    def count(name):
        return COUNTS[name](others(name))

    if cache_as:
        counts = cached_counts(cache_as, filters, facets, count)
    else:
        counts = {name: count(name) for name in facets}
    if "status" in counts:
        labels = dict(PracticeStatus.choices)
        counts["status"] = [(value, labels.get(value, value), n) for value, n in counts["status"]]
    return counts


def _principles(practices):
    rows = (
        Practice.principles.through.objects.filter(practice__in=practices)
        .values("principle__slug", "principle__name", "principle__position")
        .annotate(n=Count("practice", distinct=True))
        .order_by("principle__position", "principle__name")
    )
    return [(r["principle__slug"], r["principle__name"], r["n"]) for r in rows]


def _themes(practices):
    rows = (
        TaggedPractice.objects.filter(content_object__in=practices)
        .values("tag__slug", "tag__name")
        .annotate(n=Count("content_object", distinct=True))
        .order_by("tag__name")
    )
    return [(r["tag__slug"], r["tag__name"], r["n"]) for r in rows]


def _members(practices):
    rows = (
        Practice.objects.filter(pk__in=practices)
        .values("member__iso_code", "member__name")
        .annotate(n=Count("pk"))
        .order_by("member__name")
    )
    return [(r["member__iso_code"].lower(), r["member__name"], r["n"]) for r in rows]


def _groups(practices):
    rows = (
        Practice.objects.filter(pk__in=practices, group__isnull=False)
        .values("group__slug", "group__name")
        .annotate(n=Count("pk"))
        .order_by("group__name")
    )
    return [(r["group__slug"], r["group__name"], r["n"]) for r in rows]


def _statuses(practices):
    rows = Practice.objects.filter(pk__in=practices).values("status").annotate(n=Count("pk"))
    return [(r["status"], r["n"]) for r in rows.order_by("status")]


COUNTS = {
    "principle": _principles,
    "theme": _themes,
    "member": _members,
    "group": _groups,
    "status": _statuses,
}


ANY_LABELS = {
    "principle": _("Any principle"),
    "theme": _("Any theme"),
    "member": _("Any member"),
    "group": _("Any working group"),
    "status": _("Any status"),
}


def facet_fields(form: PracticeFilterForm, counts: dict) -> list[dict]:
    records = {
        "member": (Member, "iso_code", "name"),
        "group": (WorkingGroup, "slug", "name"),
        "principle": (Principle, "slug", "name"),
    }
    return shared_facet_fields(form, counts, form.facets, ANY_LABELS, records)


def newest_first(queryset, *, published: bool = False):
    """Newest published first; in the workspace, unpublished practices (no date) come
    before them, on every database. Published ones only: in the order of their index."""
    queryset = queryset.select_related("member", "group")
    if published:
        return queryset.order_by("-published_at", "-updated_at", "-pk")
    return queryset.order_by(F("published_at").desc(nulls_first=True), "-updated_at", "-pk")
