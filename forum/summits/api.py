"""Ministerial summits in the read API."""

import datetime

from ninja import Field, Path, Query, Router
from ninja.errors import HttpError

from forum.core.schemas import (
    ERRORS_ITEM,
    ERRORS_LIST,
    PageParams,
    Sourced,
    absolute,
    page_schema,
    paginate,
    request_of,
    sources_field,
)

from .models import Summit

router = Router(tags=["summits"])


class SummitOut(Sourced):
    """An annual ministerial summit, hosted by the member holding the chair."""

    number: int = Field(description="Its number in the series, the first being 1.")
    slug: str = Field(description="Its identifier, as in /summits/{slug}/.")
    year: int = Field(description="The year it took place.")
    label: str = Field(description="What it was called: D5 Ministerial Summit…")
    start_date: datetime.date | None = Field(description="Its first day, where known.")
    end_date: datetime.date | None = Field(description="Its last day, where known.")
    host: str | None = Field(description="ISO code of the host member.")
    city: str = Field(description="The city it took place in.")
    virtual: bool = Field(description="Whether it was held online.")
    planned_city: str = Field(description="Where it was to take place, if it moved online.")
    chair_name: str = Field(description="Who chaired it.")
    chair_title: str = Field(description="The chair's title.")
    theme: str = Field(description="Its theme.")
    outcomes: list[str] = Field(description="What came out of it.")
    url: str = Field(description="Its page on this site.")
    sources: list[str] = sources_field()

    @staticmethod
    def resolve_host(obj):
        return obj.host.iso_code if obj.host_id else None

    @staticmethod
    def resolve_outcomes(obj):
        return obj.outcome_list

    @staticmethod
    def resolve_url(obj, context):
        return absolute(request_of(context), obj.get_absolute_url())


class SummitDetail(SummitOut):
    """A summit with the documents, members and groups that came out of it."""

    documents: list[str] = Field(description="Slugs of the documents of this summit.")
    new_members: list[str] = Field(description="ISO codes of the members who joined at it.")
    groups_established: list[str] = Field(description="Slugs of the groups set up at it.")

    @staticmethod
    def resolve_documents(obj):
        return [document.slug for document in obj.documents.all()]

    @staticmethod
    def resolve_new_members(obj):
        return [member.iso_code for member in obj.new_members.all()]

    @staticmethod
    def resolve_groups_established(obj):
        return [group.slug for group in obj.groups_established.all()]


SummitPage = page_schema(SummitOut, "SummitPage", "summits")


def summits():
    return Summit.objects.select_related("host").order_by("-number", "pk")


@router.get(
    "/",
    response={200: SummitPage, **ERRORS_LIST},
    summary="List summits",
    description="Every ministerial summit, newest first, as on /summits/.",
    operation_id="summits_list",
)
def summit_list(request, page: Query[PageParams]):
    return paginate(request, summits(), page)


@router.get(
    "/{slug}",
    response={200: SummitDetail, **ERRORS_ITEM},
    summary="One summit",
    description="A summit with its documents, the members who joined at it and the groups "
    "set up at it, as on /summits/{slug}/.",
    operation_id="summits_detail",
)
def summit_detail(
    request, slug: str = Path(description="The summit's slug: 2022-seoul…", example="2022-seoul")
):
    summit = (
        summits()
        .prefetch_related("documents", "new_members", "groups_established")
        .filter(slug=slug)
        .first()
    )
    if summit is None:
        raise HttpError(404, f"There is no summit “{slug}”.")
    return summit
