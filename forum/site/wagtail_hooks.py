from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ForumName
from .translation_admin import TranslationViewSet
from .verification import ToVerifyView


class ForumNameViewSet(SnippetViewSet):
    model = ForumName
    icon = "history"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "abbreviation", "start", "end"]


register_snippet(ForumNameViewSet)
# /cms/ → Translations: the secretariat translates one field of one record at a time.
register_snippet(TranslationViewSet)


# The audit log's viewer (workspace_views), in the side menu for the secretariat.
@hooks.register("register_admin_menu_item")
def audit_menu_item():
    from wagtail.admin.menu import MenuItem

    class AuditMenuItem(MenuItem):
        def is_shown(self, request):
            return getattr(request.user, "is_secretariat", False)

    return AuditMenuItem(
        _("Audit log"),
        reverse("workspace:audit:list"),
        name="audit-log",
        icon_name="history",
        order=10000,
    )


# The facts the secretariat is not sure of, which public pages state without hedging.
@hooks.register("register_admin_urls")
def to_verify_urls():
    return [path("to-verify/", ToVerifyView.as_view(), name="site_to_verify")]


@hooks.register("register_admin_menu_item")
def to_verify_menu_item():
    from wagtail.admin.menu import MenuItem

    class ToVerifyMenuItem(MenuItem):
        def is_shown(self, request):
            return getattr(request.user, "is_secretariat", False)

    return ToVerifyMenuItem(
        _("To verify"), reverse("site_to_verify"), name="to-verify", icon_name="warning", order=270
    )
