from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import InvitationView


@hooks.register("register_admin_urls")
def register_invitation_urls():
    return [path("invitations/", InvitationView.as_view(), name="accounts_invitations")]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return getattr(request.user, "is_secretariat", False)


@hooks.register("register_admin_menu_item")
def register_invitation_menu_item():
    return SecretariatMenuItem(
        _("Invitations"),
        reverse("accounts_invitations"),
        name="invitations",
        icon_name="mail",
        order=9000,
    )
