from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from forum.core import structured

from .models import Summit


def summit_list(request):
    summits = Summit.objects.select_related("host")
    json_ld = structured.item_list(
        request, _("Ministerial summits"), [structured.summit(request, s) for s in summits]
    )
    return render(request, "summits/summit_list.html", {"summits": summits, "json_ld": json_ld})


def summit_detail(request, slug):
    summit = get_object_or_404(
        Summit.objects.select_related("host").prefetch_related(
            "documents", "new_members", "groups_established"
        ),
        slug=slug,
    )
    json_ld = structured.one(structured.summit(request, summit))
    return render(request, "summits/summit_detail.html", {"summit": summit, "json_ld": json_ld})
