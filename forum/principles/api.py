"""Principles, with their wording in each Charter version, in the read API."""

import datetime

from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from django.db.models import F, Prefetch

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

from .models import Principle, PrincipleWording

router = Router(tags=["principles"])


class WordingOut(Schema):
    """How one Charter version words a principle."""

    document: str = Field(description="Slug of the Charter.")
    version: int = Field(description="Number of the Charter version.")
    version_title: str = Field(description="Title of the Charter version.")
    version_date: datetime.date = Field(description="Date of the Charter version.")
    number: str = Field(description="Clause number in this version.")
    name: str = Field(description="Name of the principle in this version.")
    text: str = Field(description="The principle as this version puts it.")
    note: str = Field(description="A note on this wording.")

    @staticmethod
    def resolve_document(obj):
        return obj.version.document.slug

    @staticmethod
    def resolve_version(obj):
        return obj.version.number

    @staticmethod
    def resolve_version_title(obj):
        return obj.version.title

    @staticmethod
    def resolve_version_date(obj):
        return obj.version.date


class PrincipleOut(Sourced):
    """A principle members commit to work towards, across Charter versions."""

    slug: str = Field(description="Its identifier, as in /principles/{slug}/.")
    name: str = Field(description="Its name.")
    current: bool = Field(description="Whether the Charter in force has it.")
    position: int | None = Field(description="Its place in the Charter in force, if there.")
    number: str = Field(description="Its clause number in the Charter in force.")
    summary: str = Field(description="The principle in plain words.")
    replaced_by: str | None = Field(description="Slug of the principle that replaced it.")
    url: str = Field(description="Its page on this site.")
    wordings: list[WordingOut] = Field(
        description="Its wording in each Charter version that has it, oldest first."
    )
    sources: list[str] = sources_field()

    @staticmethod
    def resolve_current(obj):
        return obj.position is not None

    @staticmethod
    def resolve_replaced_by(obj):
        return obj.replaced_by.slug if obj.replaced_by_id else None

    @staticmethod
    def resolve_url(obj, context):
        return absolute(request_of(context), obj.get_absolute_url())


PrinciplePage = page_schema(PrincipleOut, "PrinciplePage", "principles")


def principles():
    """The current Charter's principles in its order, then the dropped ones by name."""
    wordings = PrincipleWording.objects.select_related("version__document").order_by(
        "version__date", "version__number", "pk"
    )
    return (
        Principle.objects.select_related("replaced_by")
        .prefetch_related(Prefetch("wordings", queryset=wordings))
        .order_by(F("position").asc(nulls_last=True), "name", "pk")
    )


@router.get(
    "/",
    response={200: PrinciplePage, **ERRORS_LIST},
    summary="List principles",
    description="The principles of the Charter in force, in its order, then those that "
    "earlier versions had, each with its wording in every Charter version.",
    operation_id="principles_list",
)
def principle_list(request, page: Query[PageParams]):
    return paginate(request, principles(), page)


@router.get(
    "/{slug}",
    response={200: PrincipleOut, **ERRORS_ITEM},
    summary="One principle",
    description="A principle with its wording in every Charter version, as on /principles/{slug}/.",
    operation_id="principles_detail",
)
def principle_detail(
    request, slug: str = Path(description="The principle's slug.", example="user-needs")
):
    principle = principles().filter(slug=slug).first()
    if principle is None:
        raise HttpError(404, f"There is no principle “{slug}”.")
    return principle
