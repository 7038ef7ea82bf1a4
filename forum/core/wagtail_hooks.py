from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ForumName


class ForumNameViewSet(SnippetViewSet):
    model = ForumName
    icon = "history"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "abbreviation", "start", "end"]


register_snippet(ForumNameViewSet)
