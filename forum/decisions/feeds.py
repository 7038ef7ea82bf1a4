import datetime

from django.utils.html import escape
from django.utils.translation import gettext as _

from forum.core.feeds import FEED_SIZE, FilteredFeed

from .filters import DecisionFilterForm, filter_decisions
from .models import Decision, ProgressNote


class DecisionFeed(FilteredFeed):
    """Progress on decisions as Atom 1.0, newest first: each decision as it was agreed and
    each progress note since, with the filters of /decisions/."""

    link = "/decisions/"
    filter_form = DecisionFilterForm

    def title(self):
        return _("Digital Nations: progress on decisions")

    def subtitle(self):
        return _("What the forum's summits and working groups agreed, and what became of it.")

    def items(self, filters):
        decisions = filter_decisions(filters).select_related(
            "summit", "meeting_group", "group", "document_version__document"
        )
        agreed = list(decisions.exclude(date=None).order_by("-date", "-pk")[:FEED_SIZE])
        notes = list(
            ProgressNote.objects.public()
            .filter(decision__in=decisions.values("pk"))
            .select_related("decision__group", "decision__document_version__document")
            .order_by("-date", "-pk")[:FEED_SIZE]
        )
        entries = sorted(agreed + notes, key=lambda item: (item.date, item.pk), reverse=True)
        return entries[:FEED_SIZE]

    def item_title(self, item):
        if isinstance(item, Decision):
            return _("Agreed: %(decision)s") % {"decision": item.heading}
        return _("Progress: %(decision)s") % {"decision": item.decision.heading}

    def item_link(self, item):
        if isinstance(item, Decision):
            return item.get_absolute_url()
        return f"{item.decision.get_absolute_url()}#progress-{item.pk}"

    def item_description(self, item):
        if isinstance(item, Decision):
            return escape(f"{item.text} ({item.get_status_display()})".strip())
        return escape(item.text)  # Atom's summary is HTML: plain text goes in escaped

    def item_updateddate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=datetime.UTC)

    item_pubdate = item_updateddate
