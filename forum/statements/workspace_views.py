"""Statements in the members' workspace (/workspace/statements/): a member's officials
draft and revise its statement on each principle and submit it; the secretariat publishes
it. Every write goes through forum.statements.services, which records it in the audit log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forum.core.permissions import can_edit_for_member, member_official_required
from forum.principles.models import Principle

from .forms import StatementForm
from .models import Statement, StatementStatus
from .services import open_draft, statement_draft, statement_publish, statement_submit


def _list_url() -> str:
    return reverse("workspace:statement_workspace:list")


@require_safe
@member_official_required
def statement_list(request):
    """The official's member's statement on each current principle (its current one and
    its open draft); for the secretariat, the statements waiting to be published."""
    user = request.user
    rows = []
    if user.member_id is not None:
        statements = Statement.objects.filter(member=user.member_id).filter(
            current=True
        ) | Statement.objects.open().filter(member=user.member_id)
        by_principle: dict = {}
        for statement in statements:
            kind = "current" if statement.current else "draft"
            by_principle.setdefault(statement.principle_id, {})[kind] = statement
        for principle in Principle.objects.current():
            found = by_principle.get(principle.pk, {})
            rows.append((principle, found.get("current"), found.get("draft")))
    submitted = (
        Statement.objects.filter(status=StatementStatus.SUBMITTED)
        .select_related("member", "principle")
        .order_by("member__name", "principle__position")
        if user.is_secretariat
        else Statement.objects.none()
    )
    context = {"rows": rows, "submitted": submitted}
    return render(request, "statements/workspace_statement_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@member_official_required
def statement_edit(request, slug):
    """Write or revise the official's member's draft on a principle."""
    member = request.user.member
    if member is None or not can_edit_for_member(request.user, member):
        raise PermissionDenied
    principle = get_object_or_404(Principle.objects.current(), slug=slug)
    draft = open_draft(member, principle)
    current = Statement.objects.current().filter(member=member, principle=principle).first()
    start = draft or current
    if request.method == "POST":
        form = StatementForm(request.POST, member=member)
        if form.is_valid():
            statement_draft(
                actor=request.user, member=member, principle=principle, **form.cleaned_data
            )
            messages.success(request, _("The draft is saved. Submit it when it is ready."))
            return redirect(_list_url())
        status = 400
    else:
        initial = {}
        if start is not None:
            initial = {
                "text": start.text,
                "practices": list(start.practices.all()),
                "documents": list(start.documents.all()),
            }
        form = StatementForm(initial=initial, member=member)
        status = 200
    context = {"form": form, "principle": principle, "member": member, "current": current}
    return render(request, "statements/workspace_statement_form.html", context, status=status)


@require_POST
@member_official_required
def statement_submit_view(request, pk):
    statement = get_object_or_404(
        Statement.objects.select_related("member"), pk=pk, status=StatementStatus.DRAFT
    )
    if not can_edit_for_member(request.user, statement.member):
        raise PermissionDenied
    statement_submit(actor=request.user, statement=statement)
    messages.success(request, _("The statement is submitted; the secretariat will publish it."))
    return redirect(_list_url())


@require_POST
@member_official_required
def statement_publish_view(request, pk):
    if not request.user.is_secretariat:
        raise PermissionDenied
    statement = get_object_or_404(Statement, pk=pk, status=StatementStatus.SUBMITTED)
    statement_publish(actor=request.user, statement=statement)
    messages.success(request, _("The statement is published."))
    return redirect(_list_url())
