from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from forum.core.lists import Counted
from forum.documents.models import Document
from forum.news.models import NewsItem
from forum.practices.models import Practice

from .filters import DecisionFilterForm, facet_counts, facet_fields, filter_decisions
from .models import Decision, ProgressNote

PAGE_SIZE = 20


@require_safe
def decision_list(request):
    form = DecisionFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "page": None, "facets": facet_fields(form, {}), "filters": {}}
        return render(request, "decisions/decision_list.html", context, status=400)
    filters = form.filters
    counts = facet_counts(filters)
    # Every decision has one status: the status facet's counts (kept in the cache) add up
    # to the number of decisions listed.
    chosen = filters.get("status")
    total = sum(n for value, _label, n in counts["status"] if not chosen or value == chosen)
    decisions = Counted(filter_decisions(filters).listed(), total)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "facets": facet_fields(form, counts),
        "feed_query": request.GET.urlencode() if filters else "",
        # The page of results is drawn once per content version and language for each
        # filter set and page (decision_list.html), as the documents list's is.
        "results_key": repr((sorted((k, str(v)) for k, v in filters.items()), page.number)),
    }
    return render(request, "decisions/decision_list.html", context)


@require_safe
def decision_detail(request, pk):
    notes = ProgressNote.objects.public().prefetch_related(
        Prefetch("documents", queryset=Document.objects.public()),
        Prefetch("practices", queryset=Practice.objects.public()),
        Prefetch("news", queryset=NewsItem.objects.published()),
    )
    decision = get_object_or_404(
        Decision.objects.public()
        .select_related("summit", "meeting_group", "group", "document_version__document")
        .prefetch_related("members", "principles", Prefetch("progress_notes", queryset=notes)),
        pk=pk,
    )
    return render(request, "decisions/decision_detail.html", {"decision": decision})
