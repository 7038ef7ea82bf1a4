"""What the site's Atom feeds share: a list's filters read from the query string by the
list's own filter form (a 400 with what is wrong otherwise).

Django serves one instance of a feed class to every request, in every thread: nothing of
a request may be kept on `self`. The filters travel as the feed's object instead: Django
hands what `get_object` returns to every method that asks for it (`items(self, filters)`).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.module_loading import import_string

from .models import ContentClock

FEED_SIZE = 50


class ContentAtomFeed(Atom1Feed):
    """An Atom feed whose <updated>, when it lists nothing, is when public content last
    changed: Django gives the time of the request, so an empty feed would look new at
    every read, and two archives of the same content would differ."""

    def latest_post_date(self):
        if not self.items:
            return ContentClock.last_change()
        return super().latest_post_date()


class FilteredFeed(Feed):
    feed_type = ContentAtomFeed
    #: The list's filter form; its `filters` property gives the filters in use.
    filter_form = None

    def __call__(self, request, *args, **kwargs):
        filters = {}
        if self.filter_form is not None:
            form = self.filter_form(request.GET)
            if not form.is_valid():
                messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
                return HttpResponseBadRequest(messages, content_type="text/plain; charset=utf-8")
            filters = form.filters
        return super().__call__(request, *args, filters=filters, **kwargs)

    def get_object(self, request, *args, filters, **kwargs):
        return filters

    def feed_copyright(self):
        """<rights>: the site's licence, read where settings.FEED_RIGHTS says."""
        return import_string(settings.FEED_RIGHTS)()
