from django.utils.html import escape
from django.utils.translation import gettext as _

from forum.core.feeds import FEED_SIZE, FilteredFeed

from .filters import PracticeFilterForm, filter_practices, search_ids
from .models import Practice


class PracticeFeed(FilteredFeed):
    """Published public practices as Atom 1.0, newest first, with the list's filters
    (the same query string as /practices/)."""

    link = "/practices/"
    filter_form = PracticeFilterForm

    def title(self):
        return _("Digital Nations: practices")

    def subtitle(self):
        return _("Practices shared by the forum's member governments, newest first.")

    def items(self, filters):
        scope = Practice.objects.public()
        ids = search_ids(filters["q"], scope) if "q" in filters else None
        return (
            filter_practices(scope, filters, ids=ids)
            .select_related("member")
            .prefetch_related("themes")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, practice):
        return practice.title

    def item_description(self, practice):
        # Atom's summary is HTML: the member's plain text goes in as text, escaped.
        return escape(practice.summary)

    def item_link(self, practice):
        return practice.get_absolute_url()

    def item_author_name(self, practice):
        return practice.member.name

    def item_pubdate(self, practice):
        return practice.published_at

    def item_updateddate(self, practice):
        return max(practice.updated_at, practice.published_at)

    def item_categories(self, practice):
        return sorted(tag.name for tag in practice.themes.all())
