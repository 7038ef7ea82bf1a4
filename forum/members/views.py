from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.core import structured
from forum.core.charts import Chart, bars
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
        Member.objects.select_related("joined_summit", "image"), iso_code=iso_code.upper()
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
        "charts": _charts(member),
        # Its current statement on each principle, read through the relation the
        # statements app declares; their evidence is on each principle's page.
        "statements": list(
            member.statements.current()
            .select_related("principle")
            .order_by("principle__position", "principle__name")
        ),
    }


def _charts(member) -> list[Chart]:
    """What the member signed and shared, year by year, each bar of signatures the
    documents it signed that year."""
    documents = f"{reverse('documents:list')}?member={member.iso_code.lower()}&year="
    signed = bars(
        [(year, str(year), n) for year, n in member.signed_per_year()],
        name=lambda n: ngettext("%(count)s document", "%(count)s documents", n) % {"count": n},
        url=lambda year: f"{documents}{year}",
    )
    shared = bars(
        [(year, str(year), n) for year, n in member.shared_per_year()],
        name=lambda n: ngettext("%(count)s practice", "%(count)s practices", n) % {"count": n},
    )
    in_all = sum(bar.value for bar in shared)
    charts = [
        Chart(
            "chart-signed",
            _("Documents signed, year by year"),
            _(
                "How many key documents %(member)s signed, adopted or endorsed a version "
                "of, in the year of that version. Each bar lists them."
            )
            % {"member": member.name}
            + " "
            + _("A document with versions of several years counts in each of them."),
            _("Year"),
            _("Documents"),
            signed,
        ),
        Chart(
            "chart-shared",
            _("Practices shared, year by year"),
            _(
                "How many practices %(member)s shared with the public, by the year each "
                "was published."
            )
            % {"member": member.name}
            + " "
            + ngettext("%(count)s practice in all.", "%(count)s practices in all.", in_all)
            % {"count": in_all},
            _("Year"),
            _("Practices"),
            shared,
        ),
    ]
    return [chart for chart in charts if chart.bars]
