"""The contact form's email to the secretariat, sent by the email worker (`manage.py
db_worker --backend email --queue-name email`), never inside the request. The message is
stored before this is queued: when email fails, it waits in /cms/ → Contact messages."""

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forum.accounts.models import Role, User

from .models import ContactMessage, ContactPage


def recipients() -> list[str]:
    """The contact page's email address; without one, every active secretariat account."""
    page = ContactPage.objects.live().exclude(email="").first()
    if page is not None:
        return [page.email]
    people = User.objects.filter(Q(role=Role.SECRETARIAT) | Q(is_superuser=True), is_active=True)
    return sorted(people.exclude(email="").values_list("email", flat=True))


@task(backend="email", queue_name="email")
def contact_message_mail(message_id: int) -> bool:
    """Email one message to the secretariat, with Reply-To set to its sender. Returns
    whether it was sent (a message deleted meanwhile, or nobody to send it to: not)."""
    message = ContactMessage.objects.filter(pk=message_id).first()
    to = recipients()
    if message is None or not to:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[Digital Nations] Contact form: %(subject)s") % {
            "subject": message.subject or _("no subject")
        }
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "wagtailsnippets_contact_contactmessage:edit", args=[message.pk]
        )
        body = render_to_string("contact/message_email.txt", {"message": message, "link": link})
    EmailMessage(
        subject=" ".join(subject.split())[:200],
        body=body,
        to=to,
        reply_to=[message.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()
    ContactMessage.objects.filter(pk=message.pk).update(emailed_at=timezone.now())
    return True
