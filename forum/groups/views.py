from django.shortcuts import get_object_or_404, render

from .models import WorkingGroup


def group_list(request):
    groups = WorkingGroup.objects.select_related("lead")
    return render(request, "groups/group_list.html", {"groups": groups})


def group_detail(request, slug):
    group = get_object_or_404(
        WorkingGroup.objects.select_related("lead", "established_summit").prefetch_related(
            "participants", "lead_history__member", "documents"
        ),
        slug=slug,
    )
    return render(request, "groups/group_detail.html", {"group": group})
