from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Decision


class DecisionViewSet(SnippetViewSet):
    model = Decision
    icon = "tasks"
    add_to_admin_menu = True
    menu_order = 235
    list_display = ["__str__", "summit", "group", "status"]
    list_filter = ["status", "summit"]
    search_fields = ["title", "text"]


register_snippet(DecisionViewSet)
