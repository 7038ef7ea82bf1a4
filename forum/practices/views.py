"""Practices on the public site (/practices/); the workspace's are in workspace_views."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from forum.core.lists import Counted

from .filters import (
    PracticeFilterForm,
    facet_counts,
    facet_fields,
    filter_practices,
    newest_first,
    search_ids,
)
from .models import Practice, PracticeAttachment

PAGE_SIZE = 20


def listing(request, scope, *, with_status: bool):
    """The filter form, the page of practices and the facets for a list page; the
    status code is 400 when the filters are wrong."""
    form = PracticeFilterForm(request.GET, with_status=with_status)
    if not form.is_valid():
        return {"form": form, "page": None, "facets": facet_fields(form, {}), "filters": {}}, 400
    filters = form.filters
    ids = search_ids(filters["q"], scope) if "q" in filters else None
    practices = newest_first(filter_practices(scope, filters, ids=ids), published=not with_status)
    practices = practices.prefetch_related("themes")
    public = not with_status
    counts = facet_counts(
        scope, filters, form.facets, ids=ids, cache_as="practices" if public else None
    )
    if public:
        # Every practice has one member: the member facet's counts (kept in the cache)
        # add up to the number of practices listed.
        chosen = str(filters.get("member", "")).lower()
        total = sum(n for value, _label, n in counts["member"] if not chosen or value == chosen)
        practices = Counted(practices, total)
    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "facets": facet_fields(form, counts),
    }
    return context, 200


def with_details(queryset):
    return queryset.select_related("member", "group").prefetch_related(
        "principles", "themes", "attachments", "authors"
    )


# Public ---------------------------------------------------------------------------------


@require_safe
def practice_list(request):
    context, status = listing(request, Practice.objects.public(), with_status=False)
    if status == 200:
        # The page of results, rendered once per content version and language for each
        # filter set and page (practice_list.html): the same filters list the same
        # practices until content changes.
        filtered = sorted((name, str(value)) for name, value in context["filters"].items())
        context["results_key"] = repr((filtered, context["page"].number))
        if context["filters"]:
            context["feed_query"] = request.GET.urlencode()
    return render(request, "practices/practice_list.html", context, status=status)


@require_safe
def practice_detail(request, slug):
    practice = get_object_or_404(with_details(Practice.objects.public()), slug=slug)
    return render(request, "practices/practice_detail.html", {"practice": practice})


def file_response(attachment: PracticeAttachment):
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(
        handle,
        content_type=attachment.content_type or "application/octet-stream",
        as_attachment=attachment.content_type != "application/pdf",
        filename=attachment.filename,
    )


@require_safe
def attachment_download(request, slug, pk):
    attachment = get_object_or_404(
        PracticeAttachment, practice__in=Practice.objects.public(), practice__slug=slug, pk=pk
    )
    return file_response(attachment)
