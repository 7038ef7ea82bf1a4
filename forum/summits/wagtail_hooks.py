from django.template.loader import render_to_string

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Illustrated, Summit


class SummitViewSet(SnippetViewSet):
    model = Summit
    icon = "date"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["__str__", "number", "year", "host"]
    search_fields = ["label", "city", "theme", "chair_name"]


register_snippet(SummitViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def make_image_renditions(request, instance):
    """Make the renditions of a summit's, member's, group's or news item's image as the
    secretariat saves it (by rendering it as its page does), so that the first visitor
    does not wait for them: AVIF takes a tenth of a second a width. An image whose focal
    point changes later gets its new crops on the first visit."""
    if isinstance(instance, Illustrated) and instance.image_id:
        render_to_string("components/picture.html", {"record": instance})
