from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from forum.core import structured

from .models import Member


def member_list(request):
    members = Member.objects.select_related("joined_summit")
    json_ld = structured.item_list(
        request, _("Member governments"), [structured.member(request, m) for m in members]
    )
    return render(request, "members/member_list.html", {"members": members, "json_ld": json_ld})


def member_detail(request, iso_code):
    if iso_code != iso_code.lower():
        return redirect("members:detail", iso_code.lower(), permanent=True)
    member = get_object_or_404(
        Member.objects.select_related("joined_summit")
        .prefetch_related("summits_hosted", "groups_led")
        .with_signatures(),
        iso_code=iso_code.upper(),
    )
    json_ld = structured.one(structured.member(request, member))
    return render(request, "members/member_detail.html", {"member": member, "json_ld": json_ld})
