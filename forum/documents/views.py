from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from forum.core.charts import Chart, bars
from forum.core.fulltext import RankedRecords
from forum.core.lists import Counted, kept

from . import compare
from .filters import (
    DocumentFilterForm,
    facet_counts,
    facet_fields,
    filter_documents,
    ordered,
    search_ids,
    with_matched_versions,
)
from .models import Document, DocumentAttachment, DocumentVersion, Signature
from .structured import document_json_ld

PAGE_SIZE = 20


@require_safe
def document_list(request):
    form = DocumentFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "page": None, "facets": facet_fields(form, {}), "filters": {}}
        return render(request, "documents/document_list.html", context, status=400)
    filters = form.filters
    ids = search_ids(filters["q"]) if "q" in filters else None
    sort = form.cleaned_data["sort"]
    documents = with_matched_versions(
        ordered(filter_documents(filters, ids=ids, in_order=True), sort, ids), filters
    )
    counts = facet_counts(filters, ids=ids)
    # Every document has one type: the type facet's counts (kept in the cache) add up to
    # the number of documents listed.
    chosen = filters.get("type")
    total = sum(n for value, _label, n in counts["type"] if not chosen or value == chosen)
    if isinstance(documents, RankedRecords):
        documents.total = total
    else:
        documents = Counted(documents, total)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "facets": facet_fields(form, counts),
        "grouped": sort != "relevance",
        "sort": sort,
        "feed_query": request.GET.urlencode() if filters else "",
        # The page of results is rendered once per content version and language for each
        # filter set, order and page (document_list.html): until content changes, the same
        # filters list the same documents.
        "results_key": repr((sorted((k, str(v)) for k, v in filters.items()), sort, page.number)),
        "charts": _charts(request, counts, filters),
    }
    return render(request, "documents/document_list.html", context)


def _charts(request, counts, filters) -> list[Chart]:
    """The facet counts of year and type as bar charts, each bar the list filtered by it
    (the other filters kept)."""

    def filtered_by(name):
        def url(value):
            query = request.GET.copy()
            query[name] = value
            query.pop("page", None)
            return f"?{query.urlencode()}"

        return url

    def documents(n):
        return ngettext("%(count)s document", "%(count)s documents", n) % {"count": n}

    years = bars(
        sorted(counts["year"], key=lambda row: int(row[0])),
        name=documents,
        url=filtered_by("year"),
        current=filters.get("year", ""),
    )
    types = bars(
        counts["type"], name=documents, url=filtered_by("type"), current=filters.get("type", "")
    )

    def described(facet, everything, found, total):
        # Each facet is counted with the other filters applied, not its own.
        narrowed = set(filters) - {facet}
        return " ".join((found if narrowed else everything, total, _("Each bar lists them.")))

    # Every document has one type, so the type bars add up to the documents they count;
    # a document with versions of several years is in several year bars.
    in_all = sum(bar.value for bar in types)

    charts = [
        Chart(
            "chart-years",
            _("Documents by year"),
            described(
                "year",
                _("How many key documents have a version of each year."),
                _("How many of the documents found have a version of each year."),
                _("A document with versions of several years counts in each of them."),
            ),
            _("Year"),
            _("Documents"),
            years,
        ),
        Chart(
            "chart-types",
            _("Documents by type"),
            described(
                "type",
                _("How many key documents are of each type."),
                _("How many of the documents found are of each type."),
                ngettext("%(count)s document in all.", "%(count)s documents in all.", in_all)
                % {"count": in_all},
            ),
            _("Type"),
            _("Documents"),
            types,
        ),
    ]
    return [chart for chart in charts if chart.bars]


def _document(slug):
    """The public document with everything its pages show (versions with their
    signature counts, signatures, principles, attachments), read once per content
    version and language: the Charter's graph costs more to fetch than its page to draw."""
    document = kept("document", lambda: _document_graph(slug), slug)
    if document is None:
        raise Http404
    return document


def _document_graph(slug):
    return (
        Document.objects.public()
        .select_related("summit__host", "drafted_by_group", "superseded_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.select_related("summit").annotate(
                    signature_count=Count("signatures")
                ),
            ),
            Prefetch(
                "signatures",
                queryset=Signature.objects.select_related("member", "version__document").order_by(
                    "version__number", "sort_order"
                ),
            ),
            "principles",
            "attachments",
        )
        .filter(slug=slug)
        .first()
    )


def _mark_comparable(versions) -> None:
    """Mark each version that can be compared with the one before: both hold a text, of
    the same kind (two official texts, or two of the secretariat's summaries)."""
    previous = None
    for version in versions:
        version.comparable = bool(
            previous
            and previous.holds_text
            and version.holds_text
            and previous.text_kind == version.text_kind
        )
        previous = version


def _summary_of(document, version, is_current) -> str:
    """What the page and the PDF give as the summary of a version: its own, or the
    document's for the current version."""
    return version.summary or (document.summary if is_current else "")


def _version_or_redirect(slug):
    """An address of a version that is now part of another document leads there."""
    version = DocumentVersion.objects.filter(former_slug=slug).select_related("document").first()
    if version is None:
        raise Http404
    return redirect(version.get_absolute_url(), permanent=True)


@require_safe
def document_detail(request, slug):
    try:
        document = _document(slug)
    except Http404:
        return _version_or_redirect(slug)
    versions = list(document.versions.all())
    _mark_comparable(versions)
    current = max(versions, key=lambda v: v.number) if versions else None
    context = {
        "document": document,
        "versions": versions,
        "version": current,
        "is_current": True,
        "version_summary": _summary_of(document, current, True) if current else "",
        "json_ld": document_json_ld(request, document, versions, current),
    }
    return render(request, "documents/document_detail.html", context)


def _version(document, number):
    for version in document.versions.all():
        if version.number == number:
            return version
    raise Http404


@require_safe
def version_detail(request, slug, number):
    document = _document(slug)
    version = _version(document, number)
    versions = list(document.versions.all())
    _mark_comparable(versions)
    numbers = [v.number for v in versions]
    position = numbers.index(number)
    is_current = number == max(numbers)
    context = {
        "document": document,
        "versions": versions,
        "version": version,
        "is_current": is_current,
        "version_summary": _summary_of(document, version, is_current),
        "previous": versions[position - 1] if position > 0 else None,
        "next": versions[position + 1] if position + 1 < len(versions) else None,
        "signatures": [s for s in document.signatures.all() if s.version_id == version.pk],
        "json_ld": document_json_ld(request, document, versions, version),
    }
    return render(request, "documents/version_detail.html", context)


@require_safe
def version_text(request, slug, number):
    """The canonical text of a version: its SHA-256 is the checksum the page shows."""
    version = get_object_or_404(DocumentVersion, document__slug=slug, number=number)
    if not version.text.strip():
        raise Http404
    response = HttpResponse(
        version.canonical_text.encode("utf-8"), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{slug}-v{number}.txt"'
    return response


@require_safe
def version_compare(request, slug):
    document = _document(slug)
    versions = list(document.versions.all())
    numbers = [v.number for v in versions]
    errors = []

    def pick(name, default):
        raw = request.GET.get(name, "")
        if raw == "":
            return default
        if not raw.isdigit() or int(raw) not in numbers:
            errors.append(
                _("“%(value)s” is not a version of this document. Choose one of %(numbers)s.")
                % {"value": raw, "numbers": ", ".join(map(str, numbers))}
            )
            return default
        return int(raw)

    if len(versions) < 2:
        errors.append(_("This document has only one version, so there is nothing to compare."))
        old = new = versions[0] if versions else None
    else:
        old = next(v for v in versions if v.number == pick("from", numbers[-2]))
        new = next(v for v in versions if v.number == pick("to", numbers[-1]))
    # Only two texts of the same kind are compared: two official texts word for word, or
    # two of the secretariat's summaries, said to be such.
    without_text = [v for v in dict.fromkeys((old, new)) if v and not v.holds_text]
    comparable = bool(old and not errors and not without_text and old.text_kind == new.text_kind)
    blocks = compare.compare_texts(old.text, new.text) if comparable else []
    context = {
        "document": document,
        "versions": versions,
        "old": old,
        "new": new,
        "errors": errors,
        "comparable": comparable,
        "without_text": without_text,
        "of_summaries": comparable and not old.is_official_text,
        "blocks": blocks,
        "summary": compare.summary(blocks),
    }
    return render(request, "documents/version_compare.html", context, status=400 if errors else 200)


@require_safe
def attachment_download(request, slug, pk):
    """A document's file, from whatever storage holds it. PDFs open in the browser;
    other types download."""
    attachment = get_object_or_404(DocumentAttachment, document__slug=slug, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(
        handle,
        content_type=attachment.content_type or "application/octet-stream",
        as_attachment=attachment.content_type != "application/pdf",
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )
