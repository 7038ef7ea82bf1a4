from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from forum.core.lists import kept
from forum.core.text import clean_text

from .kinds import KINDS, get_kind
from .services import MAX_QUERY_LENGTH, site_search


def search(request):
    """``/search/?q=…[&kind=…][&page=…]``: everything public, grouped by kind."""
    query = clean_text(request.GET.get("q", ""))
    kind = request.GET.get("kind", "").strip()
    context = {
        "query": query,
        "kind": get_kind(kind),
        "kinds": KINDS,
        "max_length": MAX_QUERY_LENGTH,
    }

    if kind and context["kind"] is None:
        context["error"] = _("You can show only one of these kinds of results: %(kinds)s.") % {
            "kinds": ", ".join(each.slug for each in KINDS)
        }
        return render(request, "search/search.html", context, status=400)
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = _(
            "Your search is %(length)d characters long. Please use at most %(max)d."
        ) % {"length": len(query), "max": MAX_QUERY_LENGTH}
        return render(request, "search/search.html", context, status=400)
    if query:
        # The results as drawn for this address, once per content version and language:
        # until content changes, the same words find the same records.
        context["results_html"] = kept(
            "search-results", lambda: _results(request, query, kind), request.get_full_path()
        )
    return render(request, "search/search.html", context)


def _results(request, query: str, kind: str) -> str:
    results = site_search(
        query=query, kind=kind or None, page=request.GET.get("page"), request=request
    )
    context = {
        "query": query,
        "results": results,
        "total": sum(each.count for each in results),
        "selected": next((each for each in results if each.selected), None),
    }
    return render_to_string("search/results.html", context, request)
