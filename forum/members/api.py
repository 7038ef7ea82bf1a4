"""Member governments in the read API."""

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

from .models import Member

router = Router(tags=["members"])


class MemberOut(Sourced):
    """A member government of the forum."""

    iso_code: str = Field(description="ISO 3166-1 alpha-2 code, in capitals: EE, GB, KR…")
    name: str = Field(description="The country.")
    government_body: str = Field(
        description="The body that takes part for this government under the current Charter."
    )
    earlier_bodies: list[str] = Field(
        description="Bodies that took part earlier, each with where it was named."
    )
    founding: bool = Field(description="Whether it founded the forum (the D5) in 2014.")
    joined_year: int = Field(description="The year it joined.")
    joined_on: datetime.date | None = Field(description="The day it joined, where known.")
    joined_summit: str | None = Field(description="Slug of the summit at which it joined.")
    url: str = Field(description="Its page on this site.")
    sources: list[str] = sources_field()

    @staticmethod
    def resolve_earlier_bodies(obj):
        return obj.earlier_body_list

    @staticmethod
    def resolve_joined_summit(obj):
        return obj.joined_summit.slug if obj.joined_summit_id else None

    @staticmethod
    def resolve_url(obj, context):
        return absolute(request_of(context), obj.get_absolute_url())


class MemberSignature(Schema):
    """A document this member signed, adopted, endorsed or supported."""

    document: str = Field(description="Slug of the document.")
    version: int | None = Field(description="Number of the version, where recorded.")
    act: Literal["signed", "adopted", "endorsed", "supported"] = Field(
        description="What the member did."
    )
    date: datetime.date | None = Field(description="When, where known.")
    signer: str = Field(description="Who signed for the member, where known.")

    @staticmethod
    def resolve_document(obj):
        return obj.document.slug

    @staticmethod
    def resolve_version(obj):
        return obj.version.number if obj.version_id else None


class MemberDetail(MemberOut):
    """A member government with what it hosted, led, joined and signed."""

    summits_hosted: list[str] = Field(description="Slugs of the summits it hosted.")
    groups_led: list[str] = Field(description="Slugs of the working groups it leads.")
    groups: list[str] = Field(description="Slugs of the working groups it takes part in.")
    signatures: list[MemberSignature] = Field(
        description="The documents it signed, adopted, endorsed or supported, newest first."
    )

    @staticmethod
    def resolve_summits_hosted(obj):
        return [summit.slug for summit in obj.summits_hosted.all()]

    @staticmethod
    def resolve_groups_led(obj):
        return [group.slug for group in obj.groups_led.all()]

    @staticmethod
    def resolve_groups(obj):
        return [group.slug for group in obj.groups.all()]


MemberPage = page_schema(MemberOut, "MemberPage", "member governments")


def members():
    return Member.objects.select_related("joined_summit").in_joining_order()


@router.get(
    "/",
    response={200: MemberPage, **ERRORS_LIST},
    summary="List member governments",
    description="Every member government, in the order they joined (then by name), as on "
    "/members/.",
    operation_id="members_list",
)
def member_list(request, page: Query[PageParams]):
    return paginate(request, members(), page)


@router.get(
    "/{iso2}",
    response={200: MemberDetail, **ERRORS_ITEM},
    summary="One member government",
    description="A member government by its ISO 3166-1 alpha-2 code (`ee` or `EE`), with "
    "the summits it hosted, the groups it leads and takes part in and the documents it "
    "signed, as on /members/{iso2}/.",
    operation_id="members_detail",
)
def member_detail(
    request, iso2: str = Path(description="ISO 3166-1 alpha-2 code: ee, gb…", example="ee")
):
    member = (
        members()
        .prefetch_related(
            "summits_hosted",
            "groups_led",
            "groups",
        )
        .with_signatures()
        .filter(iso_code=iso2.upper())
        .first()
    )
    if member is None:
        raise HttpError(404, f"There is no member with the code “{iso2}”.")
    return member
