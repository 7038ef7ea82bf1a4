"""Receiving a message from the contact form."""

import logging

from django.db import transaction

from forum.core.services import audit_record, audit_request

from .models import ContactMessage
from .tasks import contact_message_mail

logger = logging.getLogger(__name__)


def contact_message_receive(
    *, name: str, email: str, subject: str, message: str, language: str
) -> ContactMessage:
    """Store a message, then queue its email to the secretariat. The message is saved on
    its own first: if queueing fails, it is still listed in /cms/ → Contact messages. The
    audit log records that a message came, and from which client, not what it says."""
    record = ContactMessage(
        name=name, email=email.strip(), subject=subject, message=message, language=language
    )
    record.full_clean()
    with transaction.atomic():
        record.save()
        request = audit_request.get()
        audit_record(actor=getattr(request, "user", None), action="create", obj=record)
    try:
        contact_message_mail.enqueue(record.pk)
    except Exception:  # noqa: BLE001 (the message is stored; the secretariat finds it in /cms/)
        logger.exception("Contact message %s stored but not queued for email", record.pk)
    return record
