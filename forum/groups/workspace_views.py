"""Group workspaces (/workspace/groups/): each working group's members-only drafts and
their consultations. The group's leads manage drafts and open or close a consultation;
its members comment on a draft's paragraphs while it is in consultation; the secretariat
may do everything; everyone else gets 403.

Every write goes through forum.groups.services, which records it in the audit log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forum.core.permissions import member_official_required

from .forms import CommentForm, DraftForm
from .models import GroupDraft, GroupMembership, WorkingGroup
from .services import (
    can_comment,
    comment_create,
    draft_create,
    draft_set_status,
    draft_update,
    groups_for,
)


def _group_for(request, slug):
    group = get_object_or_404(WorkingGroup, slug=slug)
    if not request.user.belongs_to(group):
        raise PermissionDenied
    return group


def _draft_for(request, slug, pk):
    group = _group_for(request, slug)
    draft = get_object_or_404(GroupDraft.objects.select_related("created_by"), pk=pk, group=group)
    return group, draft


def _lead_only(request, group):
    if not request.user.leads(group):
        raise PermissionDenied


@require_safe
@member_official_required
def group_list(request):
    groups = groups_for(request.user).annotate(
        draft_count=Count("drafts", distinct=True),
        consultation_count=Count(
            "drafts", filter=Q(drafts__status=GroupDraft.Status.CONSULTATION), distinct=True
        ),
    )
    led = set(
        GroupMembership.objects.filter(user=request.user, lead=True).values_list(
            "group_id", flat=True
        )
    )
    return render(request, "groups/workspace_group_list.html", {"groups": groups, "led": led})


@require_safe
@member_official_required
def group_detail(request, slug):
    group = _group_for(request, slug)
    drafts = group.drafts.select_related("created_by").annotate(comment_count=Count("comments"))
    memberships = group.memberships.select_related("user__member").order_by(
        "-lead", "user__last_name", "user__first_name"
    )
    context = {
        "group": group,
        "drafts": drafts,
        "memberships": memberships,
        "is_lead": request.user.leads(group),
    }
    return render(request, "groups/workspace_group_detail.html", context)


def _draft_page(request, group, draft, form=None, status=200):
    paragraphs = draft.paragraphs
    by_anchor = {}
    for comment in draft.comments.select_related("author__member"):
        by_anchor.setdefault(comment.anchor, []).append(comment)
    sections = [
        {"number": number, "text": text, "comments": by_anchor.get(number, [])}
        for number, text in enumerate(paragraphs, start=1)
    ]
    orphans = [
        c for anchor, items in sorted(by_anchor.items()) if anchor > len(paragraphs) for c in items
    ]
    commenting = can_comment(request.user, draft)
    if form is None and commenting:
        initial = {}
        asked = request.GET.get("paragraph", "")
        if asked.isdigit() and 1 <= int(asked) <= len(paragraphs):
            initial["anchor"] = int(asked)
        form = CommentForm(draft=draft, initial=initial)
    context = {
        "group": group,
        "draft": draft,
        "sections": sections,
        "orphans": orphans,
        "form": form,
        "can_comment": commenting,
        "is_lead": request.user.leads(group),
        "statuses": GroupDraft.Status,
    }
    return render(request, "groups/workspace_draft_detail.html", context, status=status)


@require_safe
@member_official_required
def draft_detail(request, slug, pk):
    group, draft = _draft_for(request, slug, pk)
    return _draft_page(request, group, draft)


@require_http_methods(["GET", "HEAD", "POST"])
@member_official_required
def draft_new(request, slug):
    group = _group_for(request, slug)
    _lead_only(request, group)
    form = DraftForm(request.POST) if request.method == "POST" else DraftForm()
    if request.method == "POST":
        if form.is_valid():
            draft = draft_create(actor=request.user, group=group, **form.cleaned_data)
            messages.success(request, _("The draft is saved. Only the group's members see it."))
            return redirect(draft)
        status = 400
    else:
        status = 200
    context = {"group": group, "form": form, "draft": None}
    return render(request, "groups/workspace_draft_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@member_official_required
def draft_edit(request, slug, pk):
    group, draft = _draft_for(request, slug, pk)
    _lead_only(request, group)
    if request.method == "POST":
        form = DraftForm(request.POST)
    else:
        form = DraftForm(initial={"title": draft.title, "text": draft.text})
    if request.method == "POST":
        if form.is_valid():
            draft_update(actor=request.user, draft=draft, **form.cleaned_data)
            messages.success(request, _("The draft is saved."))
            return redirect(draft)
        status = 400
    else:
        status = 200
    context = {
        "group": group,
        "form": form,
        "draft": draft,
        "comment_count": draft.comments.count(),
    }
    return render(request, "groups/workspace_draft_form.html", context, status=status)


STATUS_ACTIONS = {
    "open": GroupDraft.Status.CONSULTATION,
    "close": GroupDraft.Status.CLOSED,
}


@require_POST
@member_official_required
def draft_status(request, slug, pk):
    group, draft = _draft_for(request, slug, pk)
    _lead_only(request, group)
    status = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if status is None:
        messages.error(request, _("Choose to open or to close the consultation."))
        return _draft_page(request, group, draft, status=400)
    draft_set_status(actor=request.user, draft=draft, status=status)
    if status == GroupDraft.Status.CONSULTATION:
        messages.success(request, _("The consultation is open: the group's members may comment."))
    else:
        messages.success(request, _("The consultation is closed."))
    return redirect(draft)


@require_POST
@member_official_required
def comment_create_view(request, slug, pk):
    group, draft = _draft_for(request, slug, pk)
    if not can_comment(request.user, draft):
        messages.error(request, _("This draft is not in consultation: comments are closed."))
        return _draft_page(request, group, draft, status=400)
    form = CommentForm(request.POST, draft=draft)
    if not form.is_valid():
        return _draft_page(request, group, draft, form=form, status=400)
    comment = comment_create(author=request.user, draft=draft, **form.cleaned_data)
    messages.success(request, _("Your comment is added."))
    return redirect(f"{draft.get_absolute_url()}#comment-{comment.pk}")
