from django.shortcuts import render
from django.utils.translation import gettext as _

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
        results = site_search(
            query=query, kind=kind or None, page=request.GET.get("page"), request=request
        )
        context["results"] = results
        context["total"] = sum(each.count for each in results)
        context["selected"] = next((each for each in results if each.selected), None)
    return render(request, "search/search.html", context)
