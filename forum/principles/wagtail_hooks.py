from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Principle


class PrincipleViewSet(SnippetViewSet):
    model = Principle
    icon = "list-ol"
    add_to_admin_menu = True
    menu_order = 240
    list_display = ["name", "position", "number"]
    search_fields = ["name", "summary"]


register_snippet(PrincipleViewSet)
