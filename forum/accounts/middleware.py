"""Sign-in safeguards that apply to every request (after django-otp's OTPMiddleware and
Django's MessageMiddleware):

- the secretariat's sessions end after SECRETARIAT_IDLE_SECONDS without a request of the
  person's own (the admin's background pings do not count);
- every session ends SESSION_ABSOLUTE_SECONDS after signing in, whatever happens;
- nobody with two-factor authentication reaches /cms/ or /workspace/ before giving a code,
  and whoever may open /cms/ (the secretariat, or anyone given access to the admin) sets
  it up before seeing any of them;
- Wagtail's own sign-in, password reset and "add user" pages lead to ours (accounts exist
  only by invitation, and every sign-in goes through the same checks).
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from .services import has_two_factor

LAST_ACTIVITY_KEY = "accounts_last_activity"
SIGNED_IN_AT_KEY = "accounts_signed_in_at"
PROTECTED_PREFIXES = ("/cms/", "/workspace/")
# Requests the admin's pages make by themselves while open (editing sessions' pings):
# they say nothing of whether the person is there.
BACKGROUND_PREFIXES = ("/cms/editing-sessions/",)

# Wagtail admin pages replaced by ours.
REPLACED_ADMIN_PAGES = {
    "/cms/login/": "accounts:sign_in",
    "/cms/password_reset/": "accounts:password_reset",
    "/cms/users/add/": "accounts_invitations",
}


def _path_without_language(path: str) -> str:
    language = get_language_from_path(path)
    prefix = f"/{language}/" if language else None
    if prefix and path.startswith(prefix):
        return path[len(prefix) - 1 :]
    return path


def needs_two_factor(user) -> bool:
    """Whoever may open /cms/ sets up two-factor authentication: the secretariat, and
    anyone given access to the admin through a Wagtail group or a permission."""
    return user.is_secretariat or user.has_perm("wagtailadmin.access_admin")


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


class AccountSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = _path_without_language(request.path_info)

        for prefix, name in REPLACED_ADMIN_PAGES.items():
            if path.startswith(prefix):
                url = reverse(name)
                query = request.GET.urlencode()
                return redirect(f"{url}?{query}" if query else url)

        # Without a session cookie nobody is signed in: leave the session untouched, so
        # that public pages do not vary by cookie and stay cacheable.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)

        now = int(time.time())
        signed_in_at = request.session.get(SIGNED_IN_AT_KEY)
        if not isinstance(signed_in_at, int):
            request.session[SIGNED_IN_AT_KEY] = signed_in_at = now
        if now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
            logout(request)
            hours = settings.SESSION_ABSOLUTE_SECONDS // 3600
            messages.info(
                request,
                _("You were signed out %(hours)d hours after signing in. Sign in again to go on.")
                % {"hours": hours},
            )
            return redirect_to_login(request.get_full_path())

        if user.is_secretariat:
            last = request.session.get(LAST_ACTIVITY_KEY)
            if isinstance(last, int) and now - last > settings.SECRETARIAT_IDLE_SECONDS:
                logout(request)
                minutes = settings.SECRETARIAT_IDLE_SECONDS // 60
                messages.info(
                    request,
                    _(
                        "You were signed out after %(minutes)d minutes without activity. "
                        "Sign in again to go on."
                    )
                    % {"minutes": minutes},
                )
                return redirect_to_login(request.get_full_path())
            if not path.startswith(BACKGROUND_PREFIXES):
                request.session[LAST_ACTIVITY_KEY] = now

        if path.startswith(PROTECTED_PREFIXES) and not user.is_verified():
            next_url = request.get_full_path()
            if has_two_factor(user):
                return redirect(_with_next(reverse("accounts:two_factor_verify"), next_url))
            if needs_two_factor(user):
                return redirect(_with_next(reverse("accounts:two_factor"), next_url))

        return self.get_response(request)
