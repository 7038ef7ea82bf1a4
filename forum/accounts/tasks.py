"""The accounts' emails, sent by the email worker (`manage.py db_worker --backend email
--queue-name email`) and never inside a request: how long a request takes says nothing
about whether an account exists, and a slow mail server slows no page."""

from django_tasks import task

from django.conf import settings
from django.utils import translation

from . import services
from .forms import ForumPasswordResetForm
from .models import Invitation

RESET_SUBJECT = "accounts/email/password_reset_subject.txt"
RESET_BODY = "accounts/email/password_reset.txt"


@task(backend="email", queue_name="email")
def password_reset_mail(email: str) -> int:
    """Email a reset link to each active account with this address (none: nothing is
    sent). The link's token is made here, in the worker: the queue never holds it.
    Returns how many were sent."""
    form = ForumPasswordResetForm({"email": email})
    if not form.is_valid():
        return 0
    count = len(list(form.get_users(form.cleaned_data["email"])))
    if count:
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        with translation.override(settings.LANGUAGE_CODE):
            form.save(
                domain_override=base_url.split("://", 1)[-1],
                use_https=base_url.startswith("https://"),
                subject_template_name=RESET_SUBJECT,
                email_template_name=RESET_BODY,
                extra_email_context={
                    "base_url": base_url,
                    "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
                },
            )
    return count


@task(backend="email", queue_name="email")
def invitation_mail(invitation_id: int, link: str) -> bool:
    """Email an invitation's link, if the invitation can still be used when the worker
    gets to it. Returns whether it was sent."""
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        services.invitation_send(invitation=invitation, link=link)
    return True
