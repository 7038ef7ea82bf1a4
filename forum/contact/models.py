"""The contact page (a Wagtail page beside the policy pages) and the messages its form
receives: each one is stored before it is emailed, and listed for the secretariat in
/cms/ → Contact messages, so that none is lost when email fails."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from forum.core.translation import Translatable
from forum.policies.models import TEXT_FIELDS, TextPage

from .forms import ContactForm


class ContactPage(TextPage):
    """How to reach the secretariat: its address, and a form whose messages are kept in
    /cms/ and emailed to it. The form is sent to /contact/send/ (forum.contact.views),
    which shows it again with what is wrong, or confirms at /contact/sent/."""

    address = models.TextField(
        _("postal address"), blank=True, help_text=_("The secretariat's address, a line each.")
    )
    email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_(
            "Shown on the page; the form's messages are sent to it. Empty: they are sent to "
            "every active secretariat account."
        ),
    )

    content_panels = [*TextPage.content_panels, FieldPanel("address"), FieldPanel("email")]
    template = "contact/contact_page.html"

    translatable = Translatable("contact_page", key="slug", fields=TEXT_FIELDS)

    class Meta:
        verbose_name = _("contact page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form"] = ContactForm()
        return context

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class ContactMessage(models.Model):
    """A message sent with the contact form."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    emailed_at = models.DateTimeField(
        _("emailed"),
        null=True,
        blank=True,
        help_text=_("When it was emailed to the secretariat; empty if email failed or waits."),
    )
    answered = models.BooleanField(
        _("answered"), default=False, help_text=_("Tick once the secretariat has replied.")
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self):
        return _("Message %(number)s") % {"number": self.pk}
