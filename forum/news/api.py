"""News in the read API: published items only, as on /news/."""

import datetime

from ninja import Field, Path, Query, Router
from ninja.errors import HttpError

from wagtail.rich_text import expand_db_html

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

from .models import NewsItem

router = Router(tags=["news"])


class NewsItemOut(Sourced):
    """A published news item."""

    slug: str = Field(description="Its identifier, as in /news/{slug}/.")
    title: str = Field(description="Its title.")
    date: datetime.date = Field(description="Its date.")
    summary: str = Field(description="What it says, in a few sentences.")
    body: str = Field(description="The full text, as HTML (headings, lists, links).")
    url: str = Field(description="Its page on this site.")
    sources: list[str] = sources_field()

    @staticmethod
    def resolve_body(obj):
        return expand_db_html(obj.body) if obj.body else ""

    @staticmethod
    def resolve_url(obj, context):
        return absolute(request_of(context), obj.get_absolute_url())


NewsItemPage = page_schema(NewsItemOut, "NewsItemPage", "news items")


def news():
    return NewsItem.objects.published().order_by("-date", "-pk")


@router.get(
    "/",
    response={200: NewsItemPage, **ERRORS_LIST},
    summary="List news",
    description="Published news items, newest first, as on /news/.",
    operation_id="news_list",
)
def news_list(request, page: Query[PageParams]):
    return paginate(request, news(), page)


@router.get(
    "/{slug}",
    response={200: NewsItemOut, **ERRORS_ITEM},
    summary="One news item",
    description="A published news item, as on /news/{slug}/.",
    operation_id="news_detail",
)
def news_detail(
    request,
    slug: str = Path(description="The news item's slug.", example="denmark-tenth-member-2019"),
):
    item = news().filter(slug=slug).first()
    if item is None:
        raise HttpError(404, f"There is no news item “{slug}”.")
    return item
