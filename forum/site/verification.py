"""/cms/ → To verify: the facts the secretariat is not sure of. Public pages state each fact
as recorded, without hedging; here the secretariat sees what is uncertain or disputed, with
the sources and its own notes, and decides the public wording in the record's edit view."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from forum.core.models import Confidence, lines
from forum.documents.models import Document
from forum.groups.models import WorkingGroup
from forum.members.models import Member
from forum.news.models import NewsItem
from forum.principles.models import Principle, PrincipleWording
from forum.summits.models import Summit

from .models import ForumName

SOURCED = [Member, Summit, WorkingGroup, Document, Principle, NewsItem, ForumName]


@dataclass
class Fact:
    record: object
    field: str
    value: str
    confidence: str
    sources: list[str]
    notes: list[str] = field(default_factory=list)
    edit_url: str | None = None

    @property
    def kind(self) -> str:
        return str(self.record._meta.verbose_name)


def _label(model, name) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _record_facts(record) -> list[Fact]:
    model = type(record)
    sources = record.source_list
    confidence = record.get_confidence_display()
    facts = []
    notes = [record.confidence_note, getattr(record, "notes", "")]
    if record.confidence == Confidence.LOW or any(notes):
        facts.append(
            Fact(record, _("the record as a whole"), str(record), confidence, sources, notes)
        )
    if model is Summit:
        if record.number_note:
            facts.append(
                Fact(
                    record,
                    _label(Summit, "number"),
                    str(record.number),
                    confidence,
                    sources,
                    [record.number_note],
                )
            )
        if record.dates_note:
            dates = " – ".join(
                str(day) for day in dict.fromkeys((record.start_date, record.end_date)) if day
            )
            facts.append(Fact(record, _("dates"), dates, confidence, sources, [record.dates_note]))
        if record.chair_confidence == Confidence.LOW or record.chair_note:
            chair = ", ".join(part for part in (record.chair_name, record.chair_title) if part)
            facts.append(
                Fact(
                    record,
                    _label(Summit, "chair_name"),
                    chair,
                    record.get_chair_confidence_display(),
                    sources,
                    [record.chair_note],
                )
            )
    if model is WorkingGroup:
        leads = list(record.lead_history.all())
        if len({lead.member_id for lead in leads}) > 1:
            facts.append(
                Fact(
                    record,
                    _label(WorkingGroup, "lead"),
                    record.lead.name if record.lead else "",
                    confidence,
                    [*sources, *(lead.source for lead in leads if lead.source)],
                    [f"{lead.member.name} ({lead.period})" for lead in leads],
                )
            )
    return facts


def facts_to_verify() -> list[Fact]:
    """Every fact recorded with low confidence, with a note on its sources, or with
    disagreeing sources, record by record."""
    facts = []
    for model in SOURCED:
        queryset = model.objects.all()
        if model is WorkingGroup:
            queryset = queryset.select_related("lead").prefetch_related("lead_history__member")
        for record in queryset:
            facts += _record_facts(record)
    wordings = PrincipleWording.objects.filter(confidence=Confidence.LOW).select_related(
        "principle", "version"
    )
    for wording in wordings:
        principle = wording.principle
        facts.append(
            Fact(
                principle,
                _("wording in version %(number)s") % {"number": wording.version.number},
                wording.name,
                wording.get_confidence_display(),
                principle.source_list,
                [wording.note],
            )
        )
    for fact in facts:
        fact.notes = [note for text in fact.notes for note in lines(text)]
    return facts


class ToVerifyView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("To verify")
    header_icon = "warning"
    template_name = "site/to_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_secretariat:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        facts = facts_to_verify()
        finder = AdminURLFinder(self.request.user)
        edit_urls = {}
        for fact in facts:
            key = (type(fact.record), fact.record.pk)
            if key not in edit_urls:
                edit_urls[key] = finder.get_edit_url(fact.record)
            fact.edit_url = edit_urls[key]
        return super().get_context_data(facts=facts, **kwargs)
