from django.shortcuts import get_object_or_404, render

from .models import Summit


def summit_list(request):
    summits = Summit.objects.select_related("host")
    return render(request, "summits/summit_list.html", {"summits": summits})


def summit_detail(request, slug):
    summit = get_object_or_404(
        Summit.objects.select_related("host").prefetch_related(
            "documents", "new_members", "groups_established"
        ),
        slug=slug,
    )
    return render(request, "summits/summit_detail.html", {"summit": summit})
