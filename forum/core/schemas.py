"""What the domains' api.py share: the error body, the sources of a record, and pages of
a list with `count`, `next` and `previous`."""

from ninja import Field, Schema
from pydantic import create_model

from django.http import HttpRequest
from django.utils.http import urlencode

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
# Far beyond any real offset, and well inside what every database takes.
MAX_OFFSET = 1_000_000_000


class Error(Schema):
    """The body of every 4xx answer."""

    detail: str = Field(description="What went wrong, in plain words.")
    errors: dict[str, list[str]] | None = Field(
        None,
        description="For 400: each query parameter that was refused, with why.",
    )


class InvalidQuery(Exception):
    """Refused query parameters: answered with a 400 whose `errors` lists them."""

    def __init__(self, errors):
        super().__init__("Invalid query parameters.")
        self.errors = {
            field: [str(message) for message in messages] for field, messages in errors.items()
        }


# Besides the 200: a 304 to If-None-Match, a 400 for refused parameters (lists), a 404
# (one record), and a 429 past the rate limit.
ERRORS_LIST = {304: None, 400: Error, 414: Error, 429: Error}
ERRORS_ITEM = {304: None, 404: Error, 414: Error, 429: Error}
ERRORS_INDEX = {304: None, 414: Error, 429: Error}


class PageParams(Schema):
    """Where a page of a list starts, and how long it is."""

    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"How many records to return (1 to {MAX_LIMIT}).",
    )
    offset: int = Field(
        0, ge=0, le=MAX_OFFSET, description="How many records to skip from the start."
    )


class Sourced(Schema):
    """A record with sources: declare its `sources` last, with `sources_field()`. How sure
    the secretariat is of it, and its notes, are working notes: not in the read API."""

    @staticmethod
    def resolve_sources(obj):
        return obj.source_list


def sources_field():
    return Field(description="Web addresses of the sources of this record.")


def absolute(request: HttpRequest | None, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def request_of(context) -> HttpRequest | None:
    return (context or {}).get("request")


def filter_parameters(filters: dict) -> list[dict]:
    """The OpenAPI parameters of a list's filters: {name: description} or {name:
    (description, more of the value's schema)}. Each is optional, and empty (?principle=)
    is the same as left out."""
    parameters = []
    for name, spec in filters.items():
        description, schema = spec if isinstance(spec, tuple) else (spec, {})
        parameters.append(
            {
                "in": "query",
                "name": name,
                "required": False,
                "allowEmptyValue": True,
                "description": description,
                "schema": {"type": "string", **schema},
            }
        )
    return parameters


def page_schema(item: type[Schema], name: str, what: str) -> type[Schema]:
    """A page of a list: {"count", "next", "previous", "results": [item, ...]}."""
    return create_model(
        name,
        __base__=Schema,
        __doc__=f"One page of {what}.",
        count=(int, Field(description=f"How many {what} match, on all pages.")),
        next=(str | None, Field(description="The next page, or null on the last one.")),
        previous=(str | None, Field(description="The previous page, or null on the first.")),
        results=(list[item], Field(description=f"The {what} on this page, in order.")),
    )


def paginate(request: HttpRequest, queryset, params: PageParams) -> dict:
    """One page of a queryset, with absolute links to its neighbours."""
    limit, offset = params.limit, params.offset
    count = queryset.count()
    results = list(queryset[offset : offset + limit]) if offset < count else []

    def link(new_offset):
        query = request.GET.copy()
        query["limit"] = str(limit)
        query["offset"] = str(new_offset)
        if new_offset == 0:
            del query["offset"]
        return request.build_absolute_uri(
            f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"
        )

    return {
        "count": count,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(0, min(offset, count) - limit)) if offset > 0 else None,
        "results": results,
    }
