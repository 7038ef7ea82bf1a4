from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Member


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "globe"
    add_to_admin_menu = True
    menu_order = 200
    list_display = ["name", "iso_code", "joined_year", "founding"]
    search_fields = ["name", "government_body"]


register_snippet(MemberViewSet)
