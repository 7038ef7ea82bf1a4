import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import NewsItem

FEED_SIZE = 50


class NewsFeed(Feed):
    """Published news as Atom 1.0, newest first."""

    feed_type = Atom1Feed
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
        return item.summary

    def item_updateddate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=datetime.UTC)

    item_pubdate = item_updateddate
