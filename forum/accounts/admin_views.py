"""The secretariat's invitation page in /cms/."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import services, tasks
from .forms import InvitationForm
from .models import Invitation

logger = logging.getLogger(__name__)


class InvitationView(WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Invitations")
    header_icon = "mail"
    template_name = "accounts/admin/invitations.html"
    form_class = InvitationForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_secretariat:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("accounts_invitations")
        context["valid_days"] = settings.INVITATION_VALID_DAYS
        context["invitations"] = Invitation.objects.select_related("member", "group", "invited_by")[
            :30
        ]
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation, path = services.invitation_create(
                email=data["email"],
                role=data["role"],
                member=data.get("member"),
                group=data.get("group"),
                invited_by=self.request.user,
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
            return self.form_invalid(form)
        link = services.invitation_link(path)
        try:
            tasks.invitation_mail.enqueue(invitation.pk, link)
            sent = True
        except Exception:  # noqa: BLE001 (any queue failure: the link is shown to copy)
            logger.exception("Could not queue the invitation email to %s", invitation.email)
            sent = False
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(),
                created=invitation,
                link=link,
                sent=sent,
                sent_message=(
                    _("The link is being emailed to %(email)s.") % {"email": invitation.email}
                    if sent
                    else _("The email could not be sent: copy the link and send it yourself.")
                ),
            )
        )
