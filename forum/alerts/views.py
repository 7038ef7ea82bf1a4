from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from forum.core.throttle import client_address, hit

from . import links, services
from .filters import describe, filter_form, normalised_query
from .forms import SubscribeForm
from .models import AlertList, Subscription

#: The link from the alert pages back to the list the alerts are about.
BACK_TO_LIST = {
    AlertList.DOCUMENTS: gettext_lazy("Back to the key documents"),
    AlertList.NEWS: gettext_lazy("Back to the news"),
    AlertList.PRACTICES: gettext_lazy("Back to the practices"),
}


def _back_to_list(list_name: str, query: str) -> dict:
    return {"url": links.list_path(list_name, query), "label": BACK_TO_LIST[list_name]}


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """Email alerts for a list with the filters in the query string (?list=documents&…).
    The filters stay in the query string; the POST carries only the address."""
    list_name = request.GET.get("list", "")
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "list_name": list_name, "filters": [], "problems": []}
    if list_name not in AlertList.values:
        context["problems"].append(
            _("Choose which list to get alerts for: key documents, news or practices.")
        )
        return render(request, "alerts/subscribe.html", context, status=400)
    context["list_label"] = AlertList(list_name).label
    filters = filter_form(list_name, request.GET)
    if not filters.is_valid():
        context["problems"] += [
            f"{filters.fields[name].label}: {error}" if name in filters.fields else error
            for name, errors in filters.errors.items()
            for error in errors
        ]
        return render(request, "alerts/subscribe.html", context, status=400)
    context["filters"] = describe(filters)
    context["query"] = normalised_query(filters)
    context["back"] = _back_to_list(list_name, context["query"])
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "alerts/subscribe.html", context, status=400)
        wait = _throttled(request, form.cleaned_data["email"])
        if wait:
            minutes = max(1, round(wait / 60))
            form.add_error(
                "email",
                ngettext(
                    "Too many requests for alerts: please try again in %(minutes)d minute.",
                    "Too many requests for alerts: please try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            response = render(request, "alerts/subscribe.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        subscription = services.subscription_create(
            email=form.cleaned_data["email"], list_name=list_name, query=context["query"]
        )
        context["subscription"] = subscription
        return render(request, "alerts/check_email.html", context)
    return render(request, "alerts/subscribe.html", context)


# Each subscription sends an email: a few per address, and a few more per client, an hour.
SUBSCRIBE_LIMITS = {"address": 3, "client": 20}


def _throttled(request, email: str) -> int:
    """Seconds to wait before this client may ask for an email to this address (0: now)."""
    _left, wait_address = hit(
        request, "alerts:address", email.lower(), f"{SUBSCRIBE_LIMITS['address']}/h"
    )
    _left, wait_client = hit(
        request, "alerts:client", client_address(request), f"{SUBSCRIBE_LIMITS['client']}/h"
    )
    return max(wait_address, wait_client)


def _gone(request, message, status):
    return render(request, "alerts/invalid_link.html", {"message": message}, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button; only the POST confirms (mail scanners follow links)."""
    try:
        subscription = links.read_token(token, links.CONFIRM_SALT, max_age=links.CONFIRM_MAX_AGE)
    except links.TokenExpired:
        return _gone(request, _("This confirmation link has expired. Please subscribe again."), 410)
    except Subscription.DoesNotExist:
        return _gone(request, _("This confirmation link is not valid."), 404)
    if subscription.unsubscribed_at is not None:
        return _gone(
            request, _("These alerts were stopped. Please subscribe again to restart them."), 410
        )
    context = {
        "subscription": subscription,
        "list_label": AlertList(subscription.list).label,
        "back": _back_to_list(subscription.list, subscription.query),
    }
    filters = filter_form(subscription.list, subscription.query)
    context["filters"] = describe(filters) if filters.is_valid() else []
    if request.method == "POST":
        services.subscription_confirm(subscription)
        context["done"] = True
    return render(request, "alerts/confirm.html", context)


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a CSRF token; the token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a one-click button; a POST (from it, or from a mail client following
    RFC 8058's List-Unsubscribe-Post) stops the alerts."""
    try:
        subscription = links.read_token(token, links.UNSUBSCRIBE_SALT)
    except (Subscription.DoesNotExist, links.TokenExpired):
        return _gone(request, _("This unsubscribe link is not valid."), 404)
    context = {"subscription": subscription, "list_label": AlertList(subscription.list).label}
    if request.method == "POST":
        services.subscription_cancel(subscription)
        context["done"] = True
    return render(request, "alerts/unsubscribe.html", context)
