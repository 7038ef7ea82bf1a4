"""Decisions in the members' workspace (/workspace/decisions/): a group lead updates the
decisions their group carries; an official of a member that carries a decision proposes
its progress, which the secretariat approves; the secretariat does everything. Every
write goes through forum.decisions.services, which records it in the audit log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from forum.core.permissions import member_official_required, secretariat_required

from .forms import ProgressNoteForm, StatusForm
from .models import Decision, ProgressNote
from .services import (
    can_propose,
    can_update,
    decision_set_status,
    decisions_for,
    progress_note_approve,
    progress_note_propose,
)


def _list_url(request) -> str:
    return reverse(f"{request.resolver_match.namespace}:list")


@require_safe
@member_official_required
def decision_list(request):
    user = request.user
    page = Paginator(decisions_for(user).prefetch_related("members"), 50).get_page(
        request.GET.get("page")
    )
    led = set(user.group_memberships.filter(lead=True).values_list("group_id", flat=True))
    for decision in page.object_list:
        carriers = {member.pk for member in decision.members.all()}
        decision.updatable = user.is_secretariat or decision.group_id in led
        decision.proposable = decision.updatable or user.member_id in carriers
    proposed = (
        ProgressNote.objects.proposed()
        .select_related("decision__group", "decision__document_version", "proposed_by")
        .order_by("date", "pk")
        if user.is_secretariat
        else ProgressNote.objects.none()
    )
    context = {
        "page": page,
        "proposed": proposed,
        "status_form": StatusForm(),
        "note_form": ProgressNoteForm(),
    }
    return render(request, "decisions/workspace_decision_list.html", context)


@require_POST
@member_official_required
def status_update(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("group"), pk=pk)
    if not can_update(request.user, decision):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        decision_set_status(
            actor=request.user, decision=decision, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The decision's status is updated."))
    else:
        messages.error(request, _("Choose one of the statuses."))
    return redirect(_list_url(request))


@require_POST
@member_official_required
def progress_propose(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("group"), pk=pk)
    if not can_propose(request.user, decision):
        raise PermissionDenied
    form = ProgressNoteForm(request.POST)
    if not form.is_valid():
        context = {"decision": decision, "form": form}
        return render(request, "decisions/workspace_progress_form.html", context, status=400)
    note = progress_note_propose(actor=request.user, decision=decision, **form.cleaned_data)
    if note.approved:
        messages.success(request, _("The progress note is published."))
    else:
        messages.success(request, _("The progress note waits for the secretariat's approval."))
    return redirect(_list_url(request))


@require_POST
@secretariat_required
def progress_approve(request, pk):
    note = get_object_or_404(ProgressNote.objects.proposed(), pk=pk)
    progress_note_approve(actor=request.user, note=note)
    messages.success(request, _("The progress note is published."))
    return redirect(_list_url(request))
