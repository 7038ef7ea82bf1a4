"""The decisions list's filters: read from the query string, applied to a queryset and
counted per value (each facet counted with the other filters applied), as the key
documents list does. The page, the feed and the API use the same form and function."""

from django import forms
from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from forum.core.facets import cached_counts
from forum.core.facets import facet_fields as shared_facet_fields
from forum.core.forms import CodeField, KnownRecordsMixin, QueryField
from forum.core.translation import translated_labels
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.principles.models import Principle
from forum.summits.models import Summit

from .models import Decision, DecisionStatus

FACETS = ("summit", "member", "group", "principle", "status")


class DecisionFilterForm(KnownRecordsMixin, forms.Form):
    q = QueryField(label=_("Words"), max_length=200, required=False, strip=True)
    summit = forms.SlugField(label=_("Summit"), required=False)
    member = CodeField(label=_("Carried by member"), max_length=2, required=False)
    group = forms.SlugField(label=_("Working group"), required=False)
    principle = forms.SlugField(label=_("Principle"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *DecisionStatus.choices], required=False
    )

    known = {
        "member": (Member, "iso_code", _("There is no member with the code “%s”.")),
        "group": (WorkingGroup, "slug", _("There is no working group “%s”.")),
        "summit": (Summit, "slug", _("There is no summit “%s”.")),
        "principle": (Principle, "slug", _("There is no principle “%s”.")),
    }

    @property
    def filters(self) -> dict:
        """The filters in use, by facet name; `q` included."""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def _apply(queryset, name, value):
    if name == "q":
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))
    if name == "status":
        return queryset.filter(status=value)
    if name == "summit":
        return queryset.filter(summit__slug=value)
    if name == "group":
        return queryset.filter(Q(group__slug=value) | Q(meeting_group__slug=value))
    if name == "member":
        carriers = Decision.members.through.objects.filter(
            decision=OuterRef("pk"), member__iso_code=value
        )
        return queryset.filter(Exists(carriers))
    if name == "principle":
        tags = Decision.principles.through.objects.filter(
            decision=OuterRef("pk"), principle__slug=value
        )
        return queryset.filter(Exists(tags))
    raise ValueError(name)


def filter_decisions(filters: dict, *, skip: str | None = None):
    """The public decisions the filters select."""
    queryset = Decision.objects.public()
    for name, value in filters.items():
        if name != skip:
            queryset = _apply(queryset, name, value)
    return queryset


def _summits(decisions):
    rows = (
        Decision.objects.filter(pk__in=decisions, summit__isnull=False)
        .values("summit__slug", "summit__label", "summit__year", "summit__number")
        .annotate(n=Count("pk"))
        .order_by("-summit__number")
    )
    return [(r["summit__slug"], r["summit__label"], r["n"], r["summit__year"]) for r in rows]


def _members(decisions):
    rows = (
        Decision.members.through.objects.filter(decision__in=decisions)
        .values("member__iso_code", "member__name")
        .annotate(n=Count("decision", distinct=True))
        .order_by("member__name")
    )
    return [(r["member__iso_code"].lower(), r["member__name"], r["n"]) for r in rows]


def _groups(decisions):
    """Decisions a group carries or whose meeting agreed them: a query, whatever their
    number."""
    of_group = (
        Decision.objects.filter(pk__in=decisions)
        .filter(Q(group=OuterRef("pk")) | Q(meeting_group=OuterRef("pk")))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    rows = (
        WorkingGroup.objects.annotate(n=Subquery(of_group))
        .filter(n__gt=0)
        .order_by("name")
        .values_list("slug", "name", "n")
    )
    return list(rows)


def _principles(decisions):
    rows = (
        Decision.principles.through.objects.filter(decision__in=decisions)
        .values("principle__slug", "principle__name")
        .annotate(n=Count("decision", distinct=True))
        .order_by("principle__name")
    )
    return [(r["principle__slug"], r["principle__name"], r["n"]) for r in rows]


def _statuses(decisions):
    rows = Decision.objects.filter(pk__in=decisions).values("status").annotate(n=Count("pk"))
    found = {r["status"]: r["n"] for r in rows.order_by()}
    return [(value, found[value]) for value, _label in DecisionStatus.choices if value in found]


COUNTS = {
    "summit": _summits,
    "member": _members,
    "group": _groups,
    "principle": _principles,
    "status": _statuses,
}


def facet_counts(filters: dict) -> dict[str, list[tuple]]:
    """For each facet, its values as (value, label, number of decisions), each counted
    with the other filters applied (kept in the cache: forum.core.facets)."""

    def count(name):
        return COUNTS[name](filter_decisions(filters, skip=name).order_by().values("pk"))

    counts = cached_counts("decisions", filters, FACETS, count)
    statuses = dict(DecisionStatus.choices)
    counts["status"] = [(value, statuses.get(value, value), n) for value, n in counts["status"]]
    summits = translated_labels(Summit, "slug", "label", counts["summit"], sort=False)
    counts["summit"] = [(slug, f"{label} {year}", n) for slug, label, n, year in summits]
    return counts


ANY_LABELS = {
    "summit": _("Any summit"),
    "member": _("Any member"),
    "group": _("Any working group"),
    "principle": _("Any principle"),
    "status": _("Any status"),
}


def facet_fields(form: DecisionFilterForm, counts: dict) -> list[dict]:
    records = {
        "member": (Member, "iso_code", "name"),
        "group": (WorkingGroup, "slug", "name"),
        "principle": (Principle, "slug", "name"),
    }
    return shared_facet_fields(form, counts, FACETS, ANY_LABELS, records)
