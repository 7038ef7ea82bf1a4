from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import WorkingGroup


class WorkingGroupViewSet(SnippetViewSet):
    model = WorkingGroup
    icon = "group"
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "lead", "status"]
    search_fields = ["name", "focus"]


register_snippet(WorkingGroupViewSet)
