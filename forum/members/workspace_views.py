"""The directory of digital leaders in the members' workspace: who the officials of member
governments are, their posts over time, their groups, what they can help with and the
contact details they choose to show. Never public.

Each person edits only their own entry and posts, downloads the data held about them and
can delete their account.
"""

import json

from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from forum.core.permissions import member_official_required
from forum.groups.models import GroupMembership

from . import services
from .forms import AccountDeleteForm, DirectoryEntryForm, DirectoryFilterForm, PostForm
from .models import DirectoryEntry, Post

PAGE_SIZE = 20


# Who is in the directory


def people():
    """Everyone in the directory: active accounts with a role, and administrators (the
    secretariat's first account may have none)."""
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | ~Q(role=""), is_active=True)
        .select_related("member", "directory_entry")
        .prefetch_related(
            Prefetch(
                "directory_posts",
                queryset=Post.objects.select_related("member").order_by("-start", "-pk"),
            ),
            Prefetch(
                "group_memberships",
                queryset=GroupMembership.objects.select_related("group").order_by("group__name"),
            ),
        )
    )


def filter_people(queryset, form):
    data = form.cleaned_data
    if data.get("member"):
        queryset = queryset.filter(member__iso_code=data["member"].upper())
    if data.get("group"):
        queryset = queryset.filter(group_memberships__group__slug=data["group"])
    for word in (data.get("q") or "").split()[:10]:
        queryset = queryset.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(directory_entry__help_with__icontains=word)
            | Q(directory_posts__title__icontains=word)
        )
    return queryset.distinct()


def _render_invalid(request, template, context):
    return render(request, template, context, status=400)


# The directory


@never_cache
@member_official_required
def directory_list(request):
    form = DirectoryFilterForm(request.GET or None)
    status = 200
    if form.is_bound and not form.is_valid():
        page = None
        status = 400
    else:
        if not form.is_bound:
            form = DirectoryFilterForm({})
            form.is_valid()
        queryset = filter_people(people(), form).order_by("last_name", "first_name", "pk")
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    return render(request, "members/directory_list.html", context, status=status)


@never_cache
@member_official_required
def person_detail(request, pk):
    person = get_object_or_404(people(), pk=pk)
    entry = getattr(person, "directory_entry", None)
    is_self = person.pk == request.user.pk
    context = {
        "person": person,
        "entry": entry,
        "is_self": is_self,
        "show_contact": entry is not None
        and entry.has_contact_details
        and (entry.show_contact_to_members or is_self),
        "posts": person.directory_posts.all(),
        "memberships": person.group_memberships.all(),
    }
    return render(request, "members/directory_person.html", context)


@never_cache
@member_official_required
def me(request):
    return redirect("workspace:directory:person", pk=request.user.pk)


@never_cache
@member_official_required
@require_http_methods(["GET", "POST"])
def entry_edit(request):
    entry = DirectoryEntry.objects.filter(user=request.user).first()
    form = DirectoryEntryForm(request.POST or None, instance=entry)
    if request.method == "POST":
        if form.is_valid():
            services.directory_entry_update(
                user=request.user, **{name: form.cleaned_data[name] for name in form.fields}
            )
            return redirect("workspace:directory:person", pk=request.user.pk)
        return _render_invalid(request, "members/directory_entry_form.html", {"form": form})
    return render(request, "members/directory_entry_form.html", {"form": form})


def _own_post(request, pk):
    """One of the signed-in person's posts; anybody else's is not found."""
    return get_object_or_404(Post, pk=pk, user=request.user)


@never_cache
@member_official_required
@require_http_methods(["GET", "POST"])
def post_add(request):
    form = PostForm(
        request.POST or None,
        initial={"member": request.user.member_id},
    )
    if request.method == "POST":
        if form.is_valid():
            services.post_create(
                user=request.user, **{name: form.cleaned_data[name] for name in form.fields}
            )
            return redirect("workspace:directory:person", pk=request.user.pk)
        return _render_invalid(
            request, "members/directory_post_form.html", {"form": form, "post": None}
        )
    return render(request, "members/directory_post_form.html", {"form": form, "post": None})


@never_cache
@member_official_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = _own_post(request, pk)
    form = PostForm(request.POST or None, instance=post)
    if request.method == "POST":
        if form.is_valid():
            services.post_update(
                user=request.user,
                post=post,
                **{name: form.cleaned_data[name] for name in form.fields},
            )
            return redirect("workspace:directory:person", pk=request.user.pk)
        return _render_invalid(
            request, "members/directory_post_form.html", {"form": form, "post": post}
        )
    return render(request, "members/directory_post_form.html", {"form": form, "post": post})


@never_cache
@member_official_required
@require_http_methods(["GET", "POST"])
def post_delete(request, pk):
    post = _own_post(request, pk)
    if request.method == "POST":
        services.post_delete(user=request.user, post=post)
        return redirect("workspace:directory:person", pk=request.user.pk)
    return render(request, "members/directory_post_delete.html", {"post": post})


# The person's own data


@never_cache
@login_required
def data_export(request):
    data = services.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"digital-nations-my-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, request=request)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.account_delete(user=request.user)
            except PermissionDenied:
                form.add_error(None, _("Your account could not be deleted."))
                return _render_invalid(
                    request, "members/directory_account_delete.html", {"form": form}
                )
            logout(request)
            return render(request, "members/directory_account_deleted.html")
        return _render_invalid(request, "members/directory_account_delete.html", {"form": form})
    return render(request, "members/directory_account_delete.html", {"form": form})
