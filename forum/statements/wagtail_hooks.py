from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Statement


class StatementViewSet(SnippetViewSet):
    """The secretariat publishes submitted statements here (status "Published") or in the
    workspace, and translates their text under Translations."""

    model = Statement
    icon = "openquote"
    add_to_admin_menu = True
    menu_order = 236
    list_display = ["__str__", "status", "current", "written_on"]
    list_filter = ["status", "current", "member", "principle"]
    search_fields = ["text"]


register_snippet(StatementViewSet)
