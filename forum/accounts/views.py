import time
from urllib.parse import urlencode

from django_otp import login as otp_login

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from . import limits, services, tasks
from .forms import (
    AcceptInvitationForm,
    ConfirmPasswordForm,
    ForumPasswordChangeForm,
    ForumPasswordResetForm,
    ForumSetPasswordForm,
    SetupCodeForm,
    SignInForm,
    VerifyCodeForm,
)
from .middleware import LAST_ACTIVITY_KEY
from .models import User

PENDING_KEY = "accounts_two_factor_pending"
SETUP_KEY = "accounts_two_factor_setup_key"
PENDING_SECONDS = 10 * 60
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def safe_next(request, default=None) -> str:
    """The `next` address from the form or query, if it is on this site; else default."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default if default is not None else resolve_url(settings.LOGIN_REDIRECT_URL)


def _sign_in(request, user, backend, device=None):
    """Django's login (a new session id), then the two-factor device, if any."""
    login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    request.session[LAST_ACTIVITY_KEY] = int(time.time())


# Sign in and out ------------------------------------------------------------------------


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request):
    next_url = safe_next(request, default="")
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    wait = 0
    if request.method == "POST":
        wait = limits.wait(request, "sign-in", account=request.POST.get("email", ""))
        if wait:
            limits.refuse(form, wait)
    if request.method == "POST" and form.is_valid():
        user = form.user
        request.session.pop(PENDING_KEY, None)
        if services.has_two_factor(user):
            # The password was right; the account opens once a code is given too.
            request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "next": next_url,
                "since": int(time.time()),
            }
            return redirect("accounts:two_factor_verify")
        _sign_in(request, user, user.backend)
        if user.is_secretariat:
            return _redirect_with_next("accounts:two_factor", next_url or "/cms/")
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    response = render(request, "accounts/sign_in.html", {"form": form, "next": next_url})
    return limits.limited(response, wait) if wait else response


def _next_query(next_url):
    return urlencode({"next": next_url})


def _redirect_with_next(name, next_url):
    return redirect(reverse(name) + "?" + _next_query(next_url))


def sign_out(request):
    if request.method != "POST":
        response = render(request, "accounts/sign_out.html", status=405)
        response["Allow"] = "POST"
        return response
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


sign_out = csrf_protect(never_cache(sign_out))


# Invitations ----------------------------------------------------------------------------


def _gone(request, invitation, status, refusal=""):
    context = {
        "invitation": invitation,
        "valid_days": settings.INVITATION_VALID_DAYS,
        "refusal": refusal,
    }
    return render(request, "accounts/invitation_gone.html", context, status=status)


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
def accept_invitation(request, token):
    seconds = limits.wait(request, "invitation")
    if seconds:
        return limits.limited(_gone(request, None, 429, limits.refusal(seconds)), seconds)
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return _gone(request, None, 404)
    if not invitation.is_usable:
        return _gone(request, invitation, 410)
    form = AcceptInvitationForm(
        request.POST if request.method == "POST" else None, invitation=invitation
    )
    wait = 0
    if request.method == "POST":
        wait = limits.wait(request, "invitation", account=invitation.email)
        if wait:
            limits.refuse(form, wait)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationGone:
            invitation.refresh_from_db()
            return _gone(request, invitation, 410)
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(
                    {"password": "password1"}.get(field, field if field in form.fields else None),
                    messages_,
                )
        else:
            if request.user.is_authenticated:
                logout(request)
            _sign_in(request, user, MODEL_BACKEND)
            messages.success(request, _("Welcome. Your account is open."))
            if user.is_secretariat:
                return _redirect_with_next("accounts:two_factor", "/cms/")
            return redirect("accounts:index")
    response = render(
        request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation}
    )
    return limits.limited(response, wait) if wait else response


# Your account ---------------------------------------------------------------------------


@login_required
def index(request):
    user = request.user
    return render(
        request,
        "accounts/index.html",
        {
            "account": user,
            "two_factor": services.has_two_factor(user),
            "recovery_codes_left": _recovery_codes_left(user),
            "memberships": user.group_memberships.select_related("group").order_by("group__name"),
        },
    )


def _recovery_codes_left(user):
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ForumPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:index")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


# Password reset (Django's views, our templates; the new password is recorded) -------------


class ResetTimeoutMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["valid_hours"] = settings.PASSWORD_RESET_TIMEOUT // 3600
        return context


class PasswordResetView(ResetTimeoutMixin, auth_views.PasswordResetView):
    """The address goes to the email worker, which sends a link if an account has it
    (forum.accounts.tasks): the answer is the same, as fast, either way."""

    form_class = ForumPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    wait = 0

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.request.method == "POST":
            self.wait = limits.wait(
                self.request, "password-reset", account=self.request.POST.get("email", "")
            )
            if self.wait:
                limits.refuse(form, self.wait)
        return form

    def form_valid(self, form):
        tasks.password_reset_mail.enqueue(form.cleaned_data["email"])
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        return limits.limited(response, self.wait) if self.wait else response


class PasswordResetDoneView(ResetTimeoutMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(ResetTimeoutMixin, auth_views.PasswordResetConfirmView):
    form_class = ForumSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not getattr(self, "validlink", False) and response.status_code == 200:
            # A used, expired or mistyped link: gone.
            response.status_code = 410
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# Two-factor authentication --------------------------------------------------------------


@login_required
@csrf_protect
@never_cache
def two_factor(request):
    user = request.user
    next_url = safe_next(request, default="")
    if services.has_two_factor(user):
        return render(
            request,
            "accounts/two_factor.html",
            {
                "recovery_codes_left": _recovery_codes_left(user),
                "remove_form": ConfirmPasswordForm(user=user),
                "next": next_url,
            },
        )
    key = request.session.get(SETUP_KEY)
    if not isinstance(key, str) or len(key) != 40:
        key = request.session[SETUP_KEY] = services.totp_new_key()
    form = SetupCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        confirmed = services.two_factor_confirm(user=user, key=key, token=form.cleaned_data["code"])
        if confirmed is not None:
            device, codes = confirmed
            request.session.pop(SETUP_KEY, None)
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": next_url, "first_time": True},
            )
        form.add_error(
            "code",
            _("That code is not right. Check the app's clock and type the code it shows now."),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": services.totp_qr_svg(user, key),
            "secret": services.totp_secret(key),
            "next": next_url,
        },
    )


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None, None
    if int(time.time()) - int(pending.get("since", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    return user, pending


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def two_factor_verify(request):
    if request.user.is_authenticated:
        user, pending = request.user, None
        if user.is_verified():
            return redirect(safe_next(request, default=reverse("accounts:index")))
        if not services.has_two_factor(user):
            return _redirect_with_next("accounts:two_factor", safe_next(request, ""))
        next_url = safe_next(request, default="")
    else:
        user, pending = _pending_user(request)
        if user is None:
            messages.info(request, _("Sign in with your email address and password first."))
            return redirect("accounts:sign_in")
        next_url = pending.get("next") or ""

    form = VerifyCodeForm(request.POST if request.method == "POST" else None)
    wait = 0
    if request.method == "POST":
        wait = limits.wait(request, "two-factor", account=str(user.pk))
        if wait:
            limits.refuse(form, wait)
    if request.method == "POST" and form.is_valid():
        device = services.two_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            if pending is not None:
                request.session.pop(PENDING_KEY, None)
                _sign_in(request, user, pending.get("backend") or MODEL_BACKEND, device)
            else:
                otp_login(request, device)
            if device.__class__.__name__ == "StaticDevice":
                left = _recovery_codes_left(user)
                messages.warning(
                    request,
                    _(
                        "You used a recovery code; %(count)d left. Make new ones on your "
                        "two-factor page when you are running low."
                    )
                    % {"count": left},
                )
            if user.is_secretariat and not next_url:
                next_url = "/cms/"
            return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        if services.two_factor_throttled(user):
            message = _(
                "Too many wrong codes. Wait a minute, then type the code your app shows at "
                "that moment."
            )
        else:
            message = _("That code is not right, or it was used already. Try the next code.")
        form.add_error("code", message)
    response = render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": next_url if request.user.is_authenticated else ""},
    )
    return limits.limited(response, wait) if wait else response


@login_required
@require_POST
@csrf_protect
@sensitive_post_parameters("password")
def two_factor_remove(request):
    user = request.user
    if not user.is_verified():
        return _redirect_with_next("accounts:two_factor_verify", reverse("accounts:two_factor"))
    form = ConfirmPasswordForm(request.POST, user=user)
    if not form.is_valid():
        return render(
            request,
            "accounts/two_factor.html",
            {"recovery_codes_left": _recovery_codes_left(user), "remove_form": form, "next": ""},
            status=400,
        )
    services.two_factor_remove(user=user)
    if user.is_secretariat:
        messages.warning(
            request,
            _("Two-factor authentication is off. The secretariat needs it: set it up again now."),
        )
    else:
        messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:two_factor")


@login_required
@require_POST
@csrf_protect
@never_cache
def recovery_codes(request):
    user = request.user
    if not services.has_two_factor(user):
        return redirect("accounts:two_factor")
    if not user.is_verified():
        return _redirect_with_next("accounts:two_factor_verify", reverse("accounts:two_factor"))
    codes = services.recovery_codes_renew(user=user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": ""})


# Lockout (django-axes) ------------------------------------------------------------------


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): a page, status 429."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request) or settings.AXES_COOLOFF_TIME
    seconds = int(cool_off.total_seconds())
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"minutes": max(1, seconds // 60), "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
