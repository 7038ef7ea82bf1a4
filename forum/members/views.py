from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from forum.core import structured
from forum.core.lists import LATEST, Latest, kept, latest

from .models import Member
from .structured import member_json_ld


def member_list(request):
    members = Member.objects.select_related("joined_summit").in_joining_order()
    json_ld = structured.item_list(
        request, _("Member governments"), [member_json_ld(request, m) for m in members]
    )
    return render(request, "members/member_list.html", {"members": members, "json_ld": json_ld})


def member_detail(request, iso_code):
    if iso_code != iso_code.lower():
        return redirect("members:detail", iso_code.lower(), permanent=True)
    member = get_object_or_404(
        Member.objects.select_related("joined_summit"), iso_code=iso_code.upper()
    )
    context = {
        "member": member,
        **kept("member", lambda: _member_lists(member), member.pk),
        "json_ld": structured.one(member_json_ld(request, member)),
    }
    return render(request, "members/member_detail.html", context)


def _member_lists(member) -> dict:
    """What the member's page lists, each its latest few with the total."""
    return {
        "summits": latest(member.summits_hosted.all(), url=reverse("summits:list")),
        "groups": latest(member.groups_led.all(), url=reverse("groups:list")),
        "signatures": Latest(
            member.latest_signatures(LATEST),
            member.signatures.count(),
            url=f"{reverse('documents:list')}?member={member.iso_code.lower()}",
        ),
    }
