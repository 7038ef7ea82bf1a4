from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsItem


class NewsItemViewSet(SnippetViewSet):
    model = NewsItem
    icon = "calendar-alt"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "date", "published"]
    search_fields = ["title", "summary"]


register_snippet(NewsItemViewSet)
