import datetime

from django.utils.html import escape
from django.utils.translation import gettext as _

from forum.core.feeds import FEED_SIZE, FilteredFeed

from .models import NewsItem


class NewsFeed(FilteredFeed):
    """Published news as Atom 1.0, newest first (no filters)."""

    link = "/news/"

    def title(self):
        return _("Digital Nations: news")

    def subtitle(self):
        return _("News and updates from Digital Nations, newest first.")

    def items(self):
        return NewsItem.objects.published()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)  # Atom's summary is HTML: plain text goes in escaped

    def item_updateddate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=datetime.UTC)

    item_pubdate = item_updateddate
