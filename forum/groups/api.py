"""Working groups, with their leads over time, in the read API."""

import datetime
from typing import Literal

from ninja import Field, Path, Query, Router, Schema
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

from .models import WorkingGroup

router = Router(tags=["working groups"])


class GroupLeadOut(Schema):
    """A member reported as leading a group for a period."""

    member: str = Field(description="ISO code of the member.")
    member_name: str = Field(description="The member's name.")
    period: str = Field(description="When, as the source puts it.")
    source: str = Field(description="The source saying so.")

    @staticmethod
    def resolve_member(obj):
        return obj.member.iso_code

    @staticmethod
    def resolve_member_name(obj):
        return obj.member.name


class WorkingGroupOut(Sourced):
    """A thematic working group, led by one member."""

    slug: str = Field(description="Its identifier, as in /working-groups/{slug}/.")
    name: str = Field(description="Its name.")
    other_names: str = Field(description="Other names it went by.")
    status: Literal["active", "inactive"] = Field(description="Whether it is active.")
    established: datetime.date | None = Field(description="The month it was set up.")
    established_summit: str | None = Field(description="Slug of the summit that set it up.")
    lead: str | None = Field(description="ISO code of the member leading it now.")
    focus: str = Field(description="What it works on.")
    participants: list[str] = Field(description="ISO codes of the members taking part.")
    lead_history: list[GroupLeadOut] = Field(description="Its leads as reported over time.")
    url: str = Field(description="Its page on this site.")
    sources: list[str] = sources_field()

    @staticmethod
    def resolve_established_summit(obj):
        return obj.established_summit.slug if obj.established_summit_id else None

    @staticmethod
    def resolve_lead(obj):
        return obj.lead.iso_code if obj.lead_id else None

    @staticmethod
    def resolve_participants(obj):
        return sorted(member.iso_code for member in obj.participants.all())

    @staticmethod
    def resolve_url(obj, context):
        return absolute(request_of(context), obj.get_absolute_url())


class WorkingGroupDetail(WorkingGroupOut):
    """A working group with the documents it drafted."""

    documents: list[str] = Field(description="Slugs of the documents it drafted.")

    @staticmethod
    def resolve_documents(obj):
        return [document.slug for document in obj.documents.all()]


WorkingGroupPage = page_schema(WorkingGroupOut, "WorkingGroupPage", "working groups")


def groups():
    return (
        WorkingGroup.objects.select_related("lead", "established_summit")
        .prefetch_related("participants", "lead_history__member")
        .order_by("status", "name", "pk")
    )


@router.get(
    "/",
    response={200: WorkingGroupPage, **ERRORS_LIST},
    summary="List working groups",
    description="Every working group, active ones first, by name, with its leads over "
    "time, as on /working-groups/.",
    operation_id="groups_list",
)
def group_list(request, page: Query[PageParams]):
    return paginate(request, groups(), page)


@router.get(
    "/{slug}",
    response={200: WorkingGroupDetail, **ERRORS_ITEM},
    summary="One working group",
    description="A working group with its leads over time, participants and the documents "
    "it drafted, as on /working-groups/{slug}/.",
    operation_id="groups_detail",
)
def group_detail(
    request, slug: str = Path(description="The group's slug: data-360…", example="data-360")
):
    group = groups().prefetch_related("documents").filter(slug=slug).first()
    if group is None:
        raise HttpError(404, f"There is no working group “{slug}”.")
    return group
