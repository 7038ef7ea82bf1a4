from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from forum.core import structured
from forum.core.lists import latest

from .models import Summit
from .structured import summit_json_ld


def summit_list(request):
    summits = Summit.objects.select_related("host")
    json_ld = structured.item_list(
        request, _("Ministerial summits"), [summit_json_ld(request, s) for s in summits]
    )
    return render(request, "summits/summit_list.html", {"summits": summits, "json_ld": json_ld})


def summit_detail(request, slug):
    summit = get_object_or_404(
        Summit.objects.select_related("host", "image").prefetch_related(
            "new_members", "groups_established"
        ),
        slug=slug,
    )
    context = {
        "summit": summit,
        "documents": latest(
            summit.documents.all(), url=f"{reverse('documents:list')}?summit={summit.slug}"
        ),
        # What it decided, read through the relation the decisions app declares.
        "decisions": summit.decisions.listed().with_progress(),
        "json_ld": structured.one(summit_json_ld(request, summit)),
    }
    return render(request, "summits/summit_detail.html", context)
