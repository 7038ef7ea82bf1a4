from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    """The contact page, its form, and the messages kept for the secretariat."""

    name = "forum.contact"
    label = "contact"
    verbose_name = _("Contact")
