from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "forum.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import audit_events

        user_logged_in.connect(_note_sign_in, dispatch_uid="accounts-signed-in-at")
        audit_events.connect()


def _note_sign_in(sender, request, user, **kwargs):
    """When the session began: it ends SESSION_ABSOLUTE_SECONDS later (middleware)."""
    import time

    from .middleware import SIGNED_IN_AT_KEY

    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT_KEY] = int(time.time())
