"""Practices in the members' workspace (/workspace/practices/).

Every view first finds the practice among those the person may see (404 otherwise, so
that guessing another member's addresses tells nothing), then checks that they may do
what they ask (403 otherwise). The services check again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forum.core.permissions import member_official_required

from . import services
from .filters import (
    newest_first,
)
from .forms import PracticeForm, ReturnForm
from .models import Practice, PracticeStatus, RevisionState
from .views import file_response, listing, with_details


def _posted(request):
    """The form data and files of a POST (even an empty one), None otherwise."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _visible(request, slug, *, details=False) -> Practice:
    queryset = Practice.objects.visible_to(request.user)
    queryset = with_details(queryset) if details else queryset.select_related("member")
    return get_object_or_404(queryset, slug=slug)


def _editable(request, slug, *, details=False) -> Practice:
    practice = _visible(request, slug, details=details)
    if not practice.can_edit(request.user):
        raise PermissionDenied
    return practice


@require_safe
@member_official_required
def workspace_list(request):
    user = request.user
    context, status = listing(request, Practice.objects.visible_to(user), with_status=True)
    practices = Practice.objects.with_change_state()
    if user.member_id:
        # Unpublished, or published with a change of its officials open.
        in_hand = ~Q(status=PracticeStatus.PUBLISHED) | Q(change_state__isnull=False)
        context["drafts"] = newest_first(practices.filter(in_hand, member=user.member_id))
    if user.is_secretariat:
        waiting = Q(status=PracticeStatus.SUBMITTED) | Q(change_state=RevisionState.PENDING)
        context["to_review"] = newest_first(practices.filter(waiting))
    return render(request, "practices/workspace/list.html", context, status=status)


def _change_context(practice, user) -> dict:
    """The change waiting on a published practice, for those who may edit it (its
    member's officials and the secretariat): what it would say, and what differs."""
    change = practice.open_change if practice.is_published and practice.can_edit(user) else None
    if change is None:
        return {"change": None}
    proposed = services.practice_change_snapshot(change)
    current = services.practice_snapshot(practice)
    return {
        "change": change,
        "proposed": proposed,
        "changed": {name for name, value in proposed.items() if current.get(name) != value},
        "removed_files": practice.attachments.filter(pk__in=change.values["remove_attachments"]),
    }


def _detail_context(request, practice, **extra):
    user = request.user
    return {
        **_change_context(practice, user),
        "practice": practice,
        "can_edit": practice.can_edit(user),
        "can_submit": practice.can_submit(user),
        "can_publish": practice.can_publish(user),
        "can_return": practice.can_return(user),
        "return_form": extra.pop("return_form", None) or ReturnForm(),
        **extra,
    }


@require_safe
@member_official_required
def workspace_detail(request, slug):
    practice = _visible(request, slug, details=True)
    return render(request, "practices/workspace/detail.html", _detail_context(request, practice))


def _form_errors(form, error: ValidationError):
    """Put a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "HEAD", "POST"])
@member_official_required
def workspace_create(request):
    user = request.user
    form = PracticeForm(*_posted(request), user=user)
    if request.method == "POST":
        if form.is_valid():
            values = form.service_values()
            member = values.pop("member", None) or user.member
            try:
                practice = services.practice_create(actor=user, member=member, **values)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Your draft is saved."))
                return redirect(practice.get_workspace_url())
        context = {"form": form, "creating": True}
        return render(request, "practices/workspace/form.html", context, status=400)
    return render(request, "practices/workspace/form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "HEAD", "POST"])
@member_official_required
def workspace_edit(request, slug):
    practice = _editable(request, slug, details=True)
    user = request.user
    reviewed = practice.change_needs_review(user)
    change = practice.open_change if reviewed else None
    form = PracticeForm(*_posted(request), user=user, practice=practice, change=change)
    context = {
        "form": form,
        "practice": practice,
        "creating": False,
        "reviewed": reviewed,
        "change": change,
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.practice_update(actor=user, practice=practice, **form.service_values())
            except ValidationError as error:
                _form_errors(form, error)
            else:
                if reviewed:
                    messages.success(
                        request,
                        _(
                            "Your changes are sent to the secretariat for review. Until they "
                            "publish them, everyone sees the published version."
                        ),
                    )
                elif practice.is_published:
                    messages.success(
                        request, _("Your changes are published and kept as a new revision.")
                    )
                else:
                    messages.success(request, _("Your changes are saved."))
                return redirect(practice.get_workspace_url())
        return render(request, "practices/workspace/form.html", context, status=400)
    return render(request, "practices/workspace/form.html", context)


def _refused(request, practice, error: ValidationError, **extra):
    """The practice again, saying why the action could not be done (400)."""
    practice = _visible(request, practice.slug, details=True)
    context = _detail_context(request, practice, action_errors=error.messages, **extra)
    return render(request, "practices/workspace/detail.html", context, status=400)


@require_POST
@member_official_required
def workspace_submit(request, slug):
    practice = _editable(request, slug)
    try:
        services.practice_submit(actor=request.user, practice=practice)
    except ValidationError as error:
        return _refused(request, practice, error)
    messages.success(request, _("The practice is sent to the secretariat for review."))
    return redirect(practice.get_workspace_url())


def _pending_change(practice):
    change = practice.open_change if practice.is_published else None
    return change if change is not None and change.is_pending else None


def _secretariat_only(request, slug) -> Practice:
    practice = _visible(request, slug)
    if not request.user.is_secretariat:
        raise PermissionDenied
    return practice


@require_POST
@member_official_required
def workspace_publish(request, slug):
    practice = _secretariat_only(request, slug)
    publishing_change = practice.is_published
    try:
        services.practice_publish(actor=request.user, practice=practice)
    except ValidationError as error:
        return _refused(request, practice, error)
    if publishing_change:
        message = _("The changes are published and their authors are told.")
    else:
        message = _("The practice is published and its authors are told.")
    messages.success(request, message)
    return redirect(practice.get_workspace_url())


@require_http_methods(["GET", "HEAD", "POST"])
@member_official_required
def workspace_return(request, slug):
    practice = _secretariat_only(request, slug)
    form = ReturnForm(_posted(request)[0])
    change = _pending_change(practice)
    context = {"practice": practice, "form": form, "change": change}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.practice_return(
                    actor=request.user, practice=practice, comment=form.cleaned_data["comment"]
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                if change is not None:
                    message = _(
                        "The changes are returned to their authors; the practice stays "
                        "published as it was."
                    )
                else:
                    message = _("The practice is returned to its authors.")
                messages.success(request, message)
                return redirect(practice.get_workspace_url())
        return render(request, "practices/workspace/return.html", context, status=400)
    return render(request, "practices/workspace/return.html", context)


@require_safe
@member_official_required
def workspace_revisions(request, slug):
    practice = _editable(request, slug)
    revisions = practice.revisions.published().select_related("created_by")
    context = {"practice": practice, "revisions": revisions}
    return render(request, "practices/workspace/revisions.html", context)


@require_safe
@member_official_required
def workspace_attachment(request, slug, pk):
    """A file of a practice; a file added by its change waiting for review only for
    those who may edit the practice (its member's officials and the secretariat)."""
    practice = _visible(request, slug)
    attachment = practice.attachments.filter(pk=pk).first()
    change = practice.open_change if practice.can_edit(request.user) else None
    if attachment is None and change is not None:
        attachment = change.new_attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return file_response(attachment)
