from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContactMessage


class ContactMessageViewSet(SnippetViewSet):
    """/cms/ → Contact messages: every message the contact form received, newest first,
    whether its email went out; the secretariat ticks those it has answered."""

    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["__str__", "subject", "name", "email", "received_at", "emailed_at", "answered"]
    list_filter = ["answered", "language"]
    search_fields = ["name", "email", "subject", "message"]
    ordering = ["-received_at", "-pk"]
    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("subject", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("language", read_only=True),
        FieldPanel("received_at", read_only=True),
        FieldPanel("emailed_at", read_only=True),
        FieldPanel("answered"),
    ]


register_snippet(ContactMessageViewSet)
