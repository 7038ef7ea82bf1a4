from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from forum.core import structured
from forum.core.lists import latest

from .models import WorkingGroup
from .structured import group_json_ld


def group_list(request):
    groups = WorkingGroup.objects.select_related("lead")
    json_ld = structured.item_list(
        request, _("Working groups"), [group_json_ld(request, g) for g in groups]
    )
    return render(request, "groups/group_list.html", {"groups": groups, "json_ld": json_ld})


def group_detail(request, slug):
    group = get_object_or_404(
        WorkingGroup.objects.select_related("lead", "established_summit", "image").prefetch_related(
            "participants"
        ),
        slug=slug,
    )
    context = {
        "group": group,
        "documents": latest(
            group.documents.all(), url=f"{reverse('documents:list')}?group={group.slug}"
        ),
        "json_ld": structured.one(group_json_ld(request, group)),
    }
    return render(request, "groups/group_detail.html", context)
