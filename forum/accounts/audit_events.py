"""Who came in and who was kept out, in the audit log: signing in, a wrong password, a
lockout (django-axes), signing out and every refusal (403), each with the client's
address (forum.core.throttle.client_address, which honours TRUSTED_PROXY_COUNT). A wrong
two-factor code is recorded by `services.two_factor_verify`.

Their actions start with "access." (an account with only these is no history that keeps
it from being deleted in /cms/). The signals are connected in AccountsConfig.ready; the
middleware sits in MIDDLEWARE after AuthenticationMiddleware, and gives every entry
written while it answers a request the client's address.
"""

from contextlib import contextmanager

from django.contrib.auth.models import AnonymousUser

from forum.core.services import audit_record, audit_request

from .models import User


@contextmanager
def answering(request):
    """Entries recorded inside carry the address of `request`'s client."""
    token = audit_request.set(request) if request is not None else None
    try:
        yield
    finally:
        if token is not None:
            audit_request.reset(token)


def _account(username: str):
    """The account a user name names, else an unsaved one that shows the name tried."""
    username = (username or "")[:150]
    return User.objects.filter(username=username).first() or User(username=username)


def signed_in(sender, request, user, **kwargs):
    with answering(request):
        audit_record(actor=user, action="access.sign_in", obj=user)


def signed_out(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        with answering(request):
            audit_record(actor=user, action="access.sign_out", obj=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the name is kept.
    username = str(credentials.get("username") or "")
    with answering(request):
        audit_record(
            actor=AnonymousUser(),
            action="access.sign_in_failed",
            obj=_account(username),
            after={"username": username},
        )


def locked_out(sender, request, username, **kwargs):
    with answering(request):
        audit_record(
            actor=AnonymousUser(),
            action="access.locked_out",
            obj=_account(username),
            after={"username": username},
        )


def connect():
    from axes.signals import user_locked_out

    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(signed_in, dispatch_uid="accounts-audit-signed-in")
    user_logged_out.connect(signed_out, dispatch_uid="accounts-audit-signed-out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="accounts-audit-sign-in-failed")
    user_locked_out.connect(locked_out, dispatch_uid="accounts-audit-locked-out")


class AuditRequestMiddleware:
    """Every entry written while a request is answered carries its client's address, and
    a refusal (403) is recorded itself: who (or "anonymous"), which address, which page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with answering(request):
            response = self.get_response(request)
            if response.status_code == 403:
                audit_record(
                    actor=getattr(request, "user", None) or AnonymousUser(),
                    action="access.refused",
                    obj=request.path,
                    after={"method": request.method, "path": request.path},
                )
        return response
