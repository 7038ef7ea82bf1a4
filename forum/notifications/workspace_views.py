from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from forum.core.permissions import member_official_required

from . import services
from .forms import NotificationPreferencesForm
from .models import Notification

PAGE_SIZE = 25


@require_safe
@member_official_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": services.unread_count(request.user)}
    return render(request, "notifications/notification_list.html", context)


@require_POST
@member_official_required
def notification_mark_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(user=request.user, notification=notification)
    messages.success(request, _("Marked “%(subject)s” as read.") % {"subject": notification})
    return redirect("workspace:notifications:list")


@require_POST
@member_official_required
def notification_mark_all_read(request):
    count = services.notification_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "Marked %(count)d notification as read.",
            "Marked %(count)d notifications as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("workspace:notifications:list")


@require_http_methods(["GET", "HEAD", "POST"])
@member_official_required
def preferences(request):
    current = services.email_preferences(request.user)
    if request.method != "POST":
        form = NotificationPreferencesForm(current=current)
        return render(request, "notifications/preferences.html", {"form": form})
    form = NotificationPreferencesForm(request.POST, current=current)
    if not form.is_valid():
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    services.email_preferences_set(user=request.user, chosen=form.chosen())
    messages.success(request, _("Your email preferences are saved."))
    return redirect("workspace:notifications:preferences")
