"""Decisions in the read API, with the filters of /decisions/ under the same names,
through `DecisionFilterForm` and `filter_decisions`, as on the page and in the feed."""

import datetime
from typing import Literal

from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from django.db.models import Prefetch

from forum.core.schemas import (
    ERRORS_ITEM,
    ERRORS_LIST,
    InvalidQuery,
    PageParams,
    Sourced,
    absolute,
    filter_parameters,
    page_schema,
    paginate,
    request_of,
    sources_field,
)

from .filters import DecisionFilterForm, filter_decisions
from .models import Decision, ProgressNote

router = Router(tags=["decisions"])

Status = Literal["agreed", "in_progress", "done", "set_aside"]


class ProgressNoteOut(Schema):
    """What had become of a decision as of a date, and what shows it."""

    date: datetime.date = Field(description="The date of the note.")
    text: str = Field(description="What had become of the decision.")
    documents: list[str] = Field(description="Slugs of the key documents that show it.")
    practices: list[str] = Field(description="Slugs of the published practices that show it.")
    news: list[str] = Field(description="Slugs of the news items that show it.")
    url: str = Field(description="Another web address that shows it, if any.")

    @staticmethod
    def resolve_documents(obj):
        return [document.slug for document in obj.documents.all()]

    @staticmethod
    def resolve_practices(obj):
        return [practice.slug for practice in obj.practices.all() if practice.is_public]

    @staticmethod
    def resolve_news(obj):
        return [item.slug for item in obj.news.all() if item.published]


class DecisionOut(Sourced):
    """Something a summit or a working group's meeting agreed, who carries it, by when,
    and where it stands."""

    id: int = Field(description="Its identifier, as in /decisions/{id}/.")
    title: str = Field(
        description="What was agreed. For a decision derived from the records (`basis`), "
        "a sentence naming the document or group, in English."
    )
    text: str = Field(description="What was agreed, in more words.")
    basis: Literal["", "adopted", "renewed", "started"] = Field(
        description="Empty for a decision the secretariat recorded; otherwise what records "
        "prove it: a document version adopted at a summit, the Charter renewed, a working "
        "group set up."
    )
    summit: str | None = Field(description="Slug of the summit that agreed it.")
    meeting_group: str | None = Field(
        description="Slug of the working group whose meeting agreed it, if not a summit."
    )
    date: datetime.date | None = Field(description="When it was agreed, where known.")
    document: str | None = Field(description="Slug of the document it is about, if any.")
    document_version: int | None = Field(description="Number of that document's version.")
    members: list[str] = Field(description="ISO codes of the members who carry it.")
    group: str | None = Field(description="Slug of the working group that carries it.")
    secretariat: bool = Field(description="Whether the secretariat carries it.")
    due_date: datetime.date | None = Field(description="The date it is to be done by.")
    by_next_summit: bool = Field(description="Whether it is to be done by the next summit.")
    principles: list[str] = Field(description="Slugs of the principles it serves.")
    status: Status = Field(description="Where it stands: agreed, in progress, done, set aside.")
    url: str = Field(description="Its page on this site.")
    sources: list[str] = sources_field()

    @staticmethod
    def resolve_title(obj):
        return obj.heading

    @staticmethod
    def resolve_summit(obj):
        return obj.summit.slug if obj.summit_id else None

    @staticmethod
    def resolve_meeting_group(obj):
        return obj.meeting_group.slug if obj.meeting_group_id else None

    @staticmethod
    def resolve_group(obj):
        return obj.group.slug if obj.group_id else None

    @staticmethod
    def resolve_document(obj):
        version = obj.document_version
        return version.document.slug if version is not None else None

    @staticmethod
    def resolve_document_version(obj):
        version = obj.document_version
        return version.number if version is not None else None

    @staticmethod
    def resolve_members(obj):
        return [member.iso_code for member in obj.members.all()]

    @staticmethod
    def resolve_principles(obj):
        return [principle.slug for principle in obj.principles.all()]

    @staticmethod
    def resolve_url(obj, context):
        # The English address (the API is in English), as the public contract gives it.
        return absolute(request_of(context), f"/decisions/{obj.pk}/")


class DecisionDetail(DecisionOut):
    """A decision with its history."""

    progress: list[ProgressNoteOut] = Field(description="Its progress notes, oldest first.")

    @staticmethod
    def resolve_progress(obj):
        return list(obj.progress_notes.all())


DecisionPage = page_schema(DecisionOut, "DecisionPage", "decisions")

FILTERS = {
    "summit": "Only the decisions of this summit (its slug).",
    "member": "Only the decisions this member carries (its ISO code).",
    "group": "Only the decisions this working group carries or agreed (its slug).",
    "principle": "Only the decisions serving this principle (its slug).",
    "status": "Only the decisions with this status: agreed, in_progress, done, set_aside.",
    "q": "Only the decisions whose title or text holds these words.",
}
FILTER_PARAMETERS = filter_parameters(FILTERS)


def decisions(queryset=None):
    queryset = Decision.objects.public() if queryset is None else queryset
    return queryset.listed().prefetch_related("members", "principles")


@router.get(
    "/",
    response={200: DecisionPage, **ERRORS_LIST},
    summary="List decisions",
    description="Every decision of the summits and working groups, newest summit first, "
    "with the filters of /decisions/ under the same names. A filter value that names "
    "nothing gets a 400 whose `errors` says which and why.",
    operation_id="decisions_list",
    openapi_extra={"parameters": FILTER_PARAMETERS},
)
def decision_list(request, page: Query[PageParams]):
    form = DecisionFilterForm(request.GET)
    if not form.is_valid():
        raise InvalidQuery(form.errors)
    return paginate(request, decisions(filter_decisions(form.filters)), page)


@router.get(
    "/{id}",
    response={200: DecisionDetail, **ERRORS_ITEM},
    summary="One decision",
    description="A decision with its progress notes, as on /decisions/{id}/.",
    operation_id="decisions_detail",
)
def decision_detail(request, id: str = Path(description="The decision's id: 1, 2…", example="1")):
    decision = None
    if id.isascii() and id.isdigit() and len(id) <= 18:
        decision = (
            decisions()
            .prefetch_related(
                Prefetch(
                    "progress_notes",
                    queryset=ProgressNote.objects.public().prefetch_related(
                        "documents", "practices", "news"
                    ),
                )
            )
            .filter(pk=int(id))
            .first()
        )
    if decision is None:
        raise HttpError(404, f"There is no decision “{id}”.")
    return decision
