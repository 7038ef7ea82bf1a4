from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .filters import PracticeFilterForm, filter_practices, search_ids
from .models import Practice

FEED_SIZE = 50


class PracticeFeed(Feed):
    """Published public practices as Atom 1.0, newest first, with the list's filters
    (the same query string as /practices/)."""

    feed_type = Atom1Feed
    link = "/practices/"

    def __call__(self, request, *args, **kwargs):
        form = PracticeFilterForm(request.GET)
        if not form.is_valid():
            messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
            return HttpResponseBadRequest(messages, content_type="text/plain; charset=utf-8")
        self.filters = form.filters
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Digital Nations: practices")

    def subtitle(self):
        return _("Practices shared by the forum's member governments, newest first.")

    def items(self):
        scope = Practice.objects.public()
        ids = search_ids(self.filters["q"], scope) if "q" in self.filters else None
        return (
            filter_practices(scope, self.filters, ids=ids)
            .select_related("member")
            .prefetch_related("themes")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, practice):
        return practice.title

    def item_description(self, practice):
        return practice.summary

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
