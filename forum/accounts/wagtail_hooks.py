from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from forum.members.services import personal_traces, personal_traces_erase

from .admin_views import InvitationView
from .models import User


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


# A person deleted in /cms/ (one without a history in the audit log: see forum/core/audit.py)
# leaves no trace elsewhere either: their alert subscriptions go, and the audit log's
# entries about them (their invitation, their sign-ins…) are pseudonymised. These hooks run
# after forum.core's, which record the deletion.


@hooks.register("before_delete_user")
def keep_personal_traces(request, user):
    if request.method == "POST":
        request.personal_traces = [personal_traces(user)]


@hooks.register("after_delete_user")
def erase_personal_traces(request, user):
    for traces in getattr(request, "personal_traces", []):
        personal_traces_erase(traces=traces, actor=request.user)


@hooks.register("before_bulk_action")
def keep_personal_traces_of_many(request, action_type, objects, action_class_instance):
    if action_type == "delete":
        request.personal_traces = [personal_traces(obj) for obj in objects if isinstance(obj, User)]


@hooks.register("after_bulk_action")
def erase_personal_traces_of_many(request, action_type, objects, action_class_instance):
    if action_type == "delete":
        erase_personal_traces(request, None)
