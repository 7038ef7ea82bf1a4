"""The key documents list's filters: read from the query string, applied to a queryset,
and counted per value (each facet counted with the other filters applied).

The page, the feed and (later) the API all use `DocumentFilterForm` and `filter_documents`,
so what a filter means is decided here once.
"""

from django import forms
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from forum.core.facets import cached_counts
from forum.core.facets import facet_fields as shared_facet_fields
from forum.core.forms import CodeField, KnownRecordsMixin, QueryField
from forum.core.fulltext import Match, RankedRecords
from forum.core.translation import translated_labels
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.principles.models import Principle
from forum.summits.models import Summit

from .models import Document, DocumentStatus, DocumentType, DocumentVersion, Signature

FACETS = ("type", "year", "member", "group", "summit", "principle", "status")


class DocumentFilterForm(KnownRecordsMixin, forms.Form):
    q = QueryField(label=_("Words"), max_length=200, required=False, strip=True)
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any type")), *DocumentType.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200, required=False)
    member = CodeField(label=_("Signed by"), max_length=2, required=False)
    group = forms.SlugField(label=_("Working group"), required=False)
    summit = forms.SlugField(label=_("Summit"), required=False)
    principle = forms.SlugField(label=_("Principle"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *DocumentStatus.choices], required=False
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("relevance", _("Relevance")),
        ],
        required=False,
    )

    known = {
        "member": (Member, "iso_code", _("There is no member with the code “%s”.")),
        "group": (WorkingGroup, "slug", _("There is no working group “%s”.")),
        "summit": (Summit, "slug", _("There is no summit “%s”.")),
        "principle": (Principle, "slug", _("There is no principle “%s”.")),
    }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sort") == "relevance" and not cleaned.get("q"):
            cleaned["sort"] = ""
        return cleaned

    @property
    def filters(self) -> dict:
        """The filters in use, by facet name; `q` included."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "sort" and value not in (None, "")
        }


def search_ids(query: str) -> Match:
    """The documents holding every word of the query (forum.core.fulltext): what the
    filter `q` selects, as a subquery."""
    return Match(Document, query)


def _apply(queryset, name, value, ids=None, in_order=False):
    if name == "q":
        return ids.in_order(queryset) if in_order else ids.filter(queryset)
    if name == "type":
        return queryset.filter(type=value)
    if name == "status":
        return queryset.filter(status=value)
    if name == "group":
        return queryset.filter(drafted_by_group__slug=value)
    # Filters on related records are EXISTS tests of each document: the list, newest first,
    # is read from its index and stops at a page, however many documents match.
    if name == "year":
        return queryset.filter(
            Exists(DocumentVersion.objects.filter(document=OuterRef("pk"), year=value))
        )
    if name == "summit":
        versions = DocumentVersion.objects.filter(document=OuterRef("pk"), summit__slug=value)
        return queryset.filter(Q(summit__slug=value) | Exists(versions))
    if name == "member":
        signatures = Signature.objects.filter(document=OuterRef("pk"), member__iso_code=value)
        return queryset.filter(Exists(signatures))
    if name == "principle":
        tags = Document.principles.through.objects.filter(
            document=OuterRef("pk"), principle__slug=value
        )
        return queryset.filter(Exists(tags))
    raise ValueError(name)


def filter_documents(filters: dict, *, skip: str | None = None, ids=None, in_order=False):
    """The public documents the filters select. `in_order`: for a list read a page at a
    time in its own order (not for counting), see Match.in_order."""
    queryset = Document.objects.public()
    for name, value in filters.items():
        if name != skip:
            queryset = _apply(queryset, name, value, ids, in_order)
    return queryset


def facet_counts(filters: dict, ids=None) -> dict[str, list[tuple[str, str, int]]]:
    """For each facet, its values as (value, label, number of documents), each counted
    with the other filters applied (kept in the cache: forum.core.facets)."""

    def others(name):
        return filter_documents(filters, skip=name, ids=ids).order_by().values("pk")

    def count(name):
        return COUNTS[name](others(name))

    counts = cached_counts("documents", filters, FACETS, count)
    counts["type"] = [(value, DOCUMENT_TYPES.get(value, value), n) for value, n in counts["type"]]
    counts["status"] = [(value, STATUSES.get(value, value), n) for value, n in counts["status"]]
    summits = translated_labels(Summit, "slug", "label", counts["summit"], sort=False)
    counts["summit"] = [(slug, f"{label} {year}", n) for slug, label, n, year in summits]
    return counts


DOCUMENT_TYPES = dict(DocumentType.choices)
STATUSES = dict(DocumentStatus.choices)


def _types(documents):
    rows = Document.objects.filter(pk__in=documents).values("type").annotate(n=Count("pk"))
    return [(r["type"], r["n"]) for r in rows.order_by("type")]


def _years(documents):
    rows = (
        DocumentVersion.objects.filter(document__in=documents)
        .values("year")
        .annotate(n=Count("document", distinct=True))
        .order_by("-year")
    )
    return [(str(r["year"]), str(r["year"]), r["n"]) for r in rows]


def _members(documents):
    rows = (
        Signature.objects.filter(document__in=documents)
        .values("member__iso_code", "member__name")
        .annotate(n=Count("document", distinct=True))
        .order_by("member__name")
    )
    return [(r["member__iso_code"].lower(), r["member__name"], r["n"]) for r in rows]


def _groups(documents):
    rows = (
        Document.objects.filter(pk__in=documents, drafted_by_group__isnull=False)
        .values("drafted_by_group__slug", "drafted_by_group__name")
        .annotate(n=Count("pk"))
        .order_by("drafted_by_group__name")
    )
    return [(r["drafted_by_group__slug"], r["drafted_by_group__name"], r["n"]) for r in rows]


def _summits(documents):
    rows = (
        DocumentVersion.objects.filter(document__in=documents, summit__isnull=False)
        .values("summit__slug", "summit__label", "summit__year")
        .annotate(n=Count("document", distinct=True))
        .order_by("-summit__year", "summit__slug")
    )
    return [(r["summit__slug"], r["summit__label"], r["n"], r["summit__year"]) for r in rows]


def _principles(documents):
    rows = (
        Document.principles.through.objects.filter(document__in=documents)
        .values("principle__slug", "principle__name")
        .annotate(n=Count("document", distinct=True))
        .order_by("principle__name")
    )
    return [(r["principle__slug"], r["principle__name"], r["n"]) for r in rows]


def _statuses(documents):
    rows = Document.objects.filter(pk__in=documents).values("status").annotate(n=Count("pk"))
    return [(r["status"], r["n"]) for r in rows.order_by("status")]


COUNTS = {
    "type": _types,
    "year": _years,
    "member": _members,
    "group": _groups,
    "summit": _summits,
    "principle": _principles,
    "status": _statuses,
}


def ordered(queryset, sort: str, ids: Match | None = None):
    """The documents in the order asked for; by relevance, ranked by the database."""
    queryset = queryset.select_related("summit", "drafted_by_group")
    if sort == "oldest":
        # By the date of each document's first version (kept, with an index).
        return queryset.order_by("first_date", "type", "title")
    if sort == "relevance" and ids:
        return RankedRecords(ids, queryset)
    return queryset.order_by("-date", "type", "title")


def with_matched_versions(documents, filters: dict):
    """Where the list is filtered by year or summit, each document with the first and last
    of its versions that match (`matched_first`, `matched_first_date`, `matched_last`,
    `matched_last_date`), so that the list says which one matched. Read with the page of
    documents, by subqueries of the version index: no query per document."""
    conditions = {}
    if "year" in filters:
        conditions["year"] = filters["year"]
    if "summit" in filters:
        conditions["summit__slug"] = filters["summit"]
    if not conditions:
        return documents
    matched = DocumentVersion.objects.filter(document=OuterRef("pk"), **conditions)
    first, last = matched.order_by("number"), matched.order_by("-number")
    annotations = {
        "matched_first": Subquery(first.values("number")[:1]),
        "matched_first_date": Subquery(first.values("date")[:1]),
        "matched_last": Subquery(last.values("number")[:1]),
        "matched_last_date": Subquery(last.values("date")[:1]),
    }
    if isinstance(documents, RankedRecords):
        documents.queryset = documents.queryset.annotate(**annotations)
        return documents
    return documents.annotate(**annotations)


ANY_LABELS = {
    "type": _("Any type"),
    "year": _("Any year"),
    "member": _("Any member"),
    "group": _("Any working group"),
    "summit": _("Any summit"),
    "principle": _("Any principle"),
    "status": _("Any status"),
}


def facet_fields(form: DocumentFilterForm, counts: dict) -> list[dict]:
    records = {
        "member": (Member, "iso_code", "name"),
        "group": (WorkingGroup, "slug", "name"),
        "principle": (Principle, "slug", "name"),
    }
    return shared_facet_fields(form, counts, FACETS, ANY_LABELS, records)
