from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import audit
from .models import ForumName


class ForumNameViewSet(SnippetViewSet):
    model = ForumName
    icon = "history"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "abbreviation", "start", "end"]


register_snippet(ForumNameViewSet)

# The audit log's viewer, in the side menu for the secretariat.
hooks.register("register_admin_menu_item", audit.audit_menu_item)
