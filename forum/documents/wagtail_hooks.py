from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Document


class DocumentViewSet(SnippetViewSet):
    model = Document
    icon = "doc-full"
    add_to_admin_menu = True
    menu_order = 230
    list_display = ["title", "type", "date", "summit"]
    search_fields = ["title", "summary", "introduction"]


register_snippet(DocumentViewSet)
