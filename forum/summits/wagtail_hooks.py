from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Summit


class SummitViewSet(SnippetViewSet):
    model = Summit
    icon = "date"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["__str__", "number", "year", "host"]
    search_fields = ["label", "city", "theme", "chair_name"]


register_snippet(SummitViewSet)
