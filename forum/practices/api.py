"""Practices in the read API: published public practices only, as on /practices/, with
the list's filters under the same names."""

import datetime

from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from forum.core.schemas import (
    ERRORS_ITEM,
    ERRORS_LIST,
    InvalidQuery,
    PageParams,
    absolute,
    filter_parameters,
    page_schema,
    paginate,
    request_of,
)

from .filters import PracticeFilterForm, filter_practices, search_ids
from .models import Practice

router = Router(tags=["practices"])


class PracticeOut(Schema):
    """A practice a member government has shared with the public."""

    slug: str = Field(description="Its identifier, as in /practices/{slug}/.")
    title: str = Field(description="Its title.")
    summary: str = Field(description="The practice in a few sentences.")
    problem: str = Field(description="The problem it answered.")
    approach: str = Field(description="What was done.")
    results: str = Field(description="What came of it.")
    lessons: str = Field(description="What others can learn from it.")
    links: list[str] = Field(description="Addresses to read more.")
    member: str = Field(description="ISO 3166-1 alpha-2 code of the member that shares it.")
    group: str | None = Field(description="Slug of its working group, if any.")
    principles: list[str] = Field(description="Slugs of the principles it puts to work.")
    themes: list[str] = Field(description="Its themes.")
    published_at: datetime.datetime | None = Field(description="When it was published.")
    url: str = Field(description="Its page on this site.")

    @staticmethod
    def resolve_links(obj):
        return [line.strip() for line in obj.links.splitlines() if line.strip()]

    @staticmethod
    def resolve_member(obj):
        return obj.member.iso_code

    @staticmethod
    def resolve_group(obj):
        return obj.group.slug if obj.group_id else None

    @staticmethod
    def resolve_principles(obj):
        return [principle.slug for principle in obj.principles.all()]

    @staticmethod
    def resolve_themes(obj):
        return [theme.name for theme in obj.themes.all()]

    @staticmethod
    def resolve_url(obj, context):
        return absolute(request_of(context), obj.get_absolute_url())


PracticePage = page_schema(PracticeOut, "PracticePage", "practices")

FILTER_PARAMETERS = filter_parameters(
    {
        "principle": "Slug of a principle.",
        "theme": "Slug of a theme.",
        "member": "ISO code of the member that shares it.",
        "group": "Slug of a working group.",
        "q": "Words, all of which must appear.",
    }
)


def practices():
    return (
        Practice.objects.public()
        .select_related("member", "group")
        .prefetch_related("principles", "themes")
        .order_by("-published_at", "pk")
    )


@router.get(
    "/",
    response={200: PracticePage, **ERRORS_LIST},
    summary="List practices",
    description="Published public practices, newest first, with the filters of /practices/ "
    "under the same names. An unknown or malformed filter value gets a 400.",
    operation_id="practices_list",
    openapi_extra={"parameters": FILTER_PARAMETERS},
)
def practice_list(request, page: Query[PageParams]):
    form = PracticeFilterForm(request.GET)
    if not form.is_valid():
        raise InvalidQuery(form.errors)
    filters = form.filters
    scope = practices()
    ids = search_ids(filters["q"], Practice.objects.public()) if "q" in filters else None
    return paginate(request, filter_practices(scope, filters, ids=ids), page)


@router.get(
    "/{slug}",
    response={200: PracticeOut, **ERRORS_ITEM},
    summary="One practice",
    description="A published public practice, as on /practices/{slug}/.",
    operation_id="practices_detail",
)
def practice_detail(request, slug: str = Path(description="The practice's slug.")):
    practice = practices().filter(slug=slug).first()
    if practice is None:
        raise HttpError(404, f"There is no public practice “{slug}”.")
    return practice
