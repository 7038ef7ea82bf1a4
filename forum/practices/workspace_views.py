"""Practices in the members' workspace (/workspace/practices/).

Every view first finds the practice among those the person may see (404 otherwise, so
that guessing another member's addresses tells nothing), then checks that they may do
what they ask (403 otherwise). The services check again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forum.core.permissions import member_official_required

from . import services
from .filters import (
    newest_first,
)
from .forms import PracticeForm, ReturnForm
from .models import Practice, PracticeStatus
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
    unpublished = Practice.objects.exclude(status=PracticeStatus.PUBLISHED)
    if user.member_id:
        context["drafts"] = newest_first(unpublished.filter(member=user.member_id))
    if user.is_secretariat:
        context["to_review"] = newest_first(
            Practice.objects.filter(status=PracticeStatus.SUBMITTED)
        )
    return render(request, "practices/workspace/list.html", context, status=status)


def _detail_context(request, practice, **extra):
    user = request.user
    return {
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
    form = PracticeForm(*_posted(request), user=user, practice=practice)
    context = {"form": form, "practice": practice, "creating": False}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.practice_update(actor=user, practice=practice, **form.service_values())
            except ValidationError as error:
                _form_errors(form, error)
            else:
                if practice.is_published:
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


def _secretariat_only(request, slug) -> Practice:
    practice = _visible(request, slug)
    if not request.user.is_secretariat:
        raise PermissionDenied
    return practice


@require_POST
@member_official_required
def workspace_publish(request, slug):
    practice = _secretariat_only(request, slug)
    try:
        services.practice_publish(actor=request.user, practice=practice)
    except ValidationError as error:
        return _refused(request, practice, error)
    messages.success(request, _("The practice is published and its authors are told."))
    return redirect(practice.get_workspace_url())


@require_http_methods(["GET", "HEAD", "POST"])
@member_official_required
def workspace_return(request, slug):
    practice = _secretariat_only(request, slug)
    form = ReturnForm(_posted(request)[0])
    if request.method == "POST":
        if form.is_valid():
            try:
                services.practice_return(
                    actor=request.user, practice=practice, comment=form.cleaned_data["comment"]
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The practice is returned to its authors."))
                return redirect(practice.get_workspace_url())
        context = {"practice": practice, "form": form}
        return render(request, "practices/workspace/return.html", context, status=400)
    return render(request, "practices/workspace/return.html", {"practice": practice, "form": form})


@require_safe
@member_official_required
def workspace_revisions(request, slug):
    practice = _editable(request, slug)
    revisions = practice.revisions.select_related("created_by")
    context = {"practice": practice, "revisions": revisions}
    return render(request, "practices/workspace/revisions.html", context)


@require_safe
@member_official_required
def workspace_attachment(request, slug, pk):
    practice = _visible(request, slug)
    attachment = get_object_or_404(practice.attachments.all(), pk=pk)
    return file_response(attachment)
