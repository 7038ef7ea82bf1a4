from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from forum.documents.models import Signature

from .models import Member


def member_list(request):
    members = Member.objects.select_related("joined_summit")
    return render(request, "members/member_list.html", {"members": members})


def member_detail(request, iso_code):
    if iso_code != iso_code.lower():
        return redirect("members:detail", iso_code.lower(), permanent=True)
    member = get_object_or_404(
        Member.objects.select_related("joined_summit").prefetch_related(
            "summits_hosted",
            "groups_led",
            Prefetch(
                "signatures",
                queryset=Signature.objects.select_related("document", "version__document").order_by(
                    "-version__date", "-document__date"
                ),
            ),
        ),
        iso_code=iso_code.upper(),
    )
    return render(request, "members/member_detail.html", {"member": member})
