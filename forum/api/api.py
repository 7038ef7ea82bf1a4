"""The read API, version 1: each domain's router under one NinjaAPI, with JSON errors.

What every answer shares (CORS, ETag, rate limit, read-only methods) is in forum.api.http,
applied to each URL in forum.api.urls.
"""

from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from django.http import Http404

from forum.core.schemas import ERRORS_INDEX, InvalidQuery
from forum.decisions.api import router as decisions_router
from forum.documents.api import router as documents_router
from forum.groups.api import router as groups_router
from forum.members.api import router as members_router
from forum.news.api import router as news_router
from forum.policies.models import Licence
from forum.practices.api import router as practices_router
from forum.principles.api import router as principles_router
from forum.statements.api import router as statements_router
from forum.summits.api import router as summits_router

from .http import error

DESCRIPTION = """\
Everything public about Digital Nations, the forum of leading digital governments: its
member governments, principles (with their wording in each Charter version), ministerial
summits, working groups, key documents (with every version, text and checksum,
signatories and files) and news. Read-only; no key needed.

- **Lists** take `limit` (1 to 100, default 20) and `offset`, and answer with `count`,
  `next` and `previous` (absolute links, null at either end) and `results`, in a stable
  order. The documents list takes the filters of /documents/ under the same names.
- **Caching**: every answer has an `ETag`; send it back in `If-None-Match` to get a 304
  when nothing changed.
- **CORS**: any site may read the API from a browser (`Access-Control-Allow-Origin: *`).
- **Errors**: every 4xx has a JSON body with `detail`, and for a 400 `errors`, listing
  each refused parameter with why.
- **Rate limit**: a client address may make a limited number of requests a minute
  (`X-RateLimit-Limit`); past it the answer is a 429 with `Retry-After` in seconds.
- **Sources**: each record lists the web addresses of its sources (`sources`), as
  references. The secretariat's working notes on them (how sure it is of a fact, where
  sources differ) are not published.
- **Bulk**: every collection as CSV and JSON, with a Frictionless Data Package, is at
  /data/.
- **Licence**: the content and the data may be reused under the licence named in this
  description's `info.license` (by default CC BY 4.0), crediting Digital Nations.
"""


def header(description: str, kind: str = "string") -> dict:
    return {"description": description, "schema": {"type": kind}}


RESPONSE_HEADERS = {
    200: {
        "ETag": header("A hash of the body: send it in If-None-Match to get a 304."),
        "Access-Control-Allow-Origin": header("Always `*`: any site may read the API."),
        "X-RateLimit-Limit": header("Requests a client address may make a minute.", "integer"),
        "X-RateLimit-Remaining": header("Requests left in this minute.", "integer"),
    },
    304: {"ETag": header("The ETag that matched.")},
    429: {"Retry-After": header("Seconds to wait before the next request.", "integer")},
}


class Renderer(JSONRenderer):
    """JSON with every script as it is (no \\u escapes)."""

    json_dumps_params = {"ensure_ascii": False}


class ReadAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """Ninja's description, with the headers that forum.api.http adds and the
        licence set in /cms/."""
        schema = super().get_openapi_schema(**kwargs)
        licence = Licence.load()
        schema["info"]["license"] = {"name": licence.name, "url": licence.url}
        for methods in schema["paths"].values():
            for operation in methods.values():
                for status, response in operation["responses"].items():
                    if int(status) in RESPONSE_HEADERS:
                        response["headers"] = RESPONSE_HEADERS[int(status)]
        return schema


api = ReadAPI(
    title="Digital Nations read API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,
    renderer=Renderer(),
    openapi_extra={
        "tags": [
            {"name": "index", "description": "Where everything is."},
            {"name": "members", "description": "Member governments."},
            {"name": "principles", "description": "Principles, worded per Charter version."},
            {"name": "summits", "description": "Ministerial summits."},
            {"name": "working groups", "description": "Working groups and their leads."},
            {"name": "documents", "description": "Key documents and their versions."},
            {"name": "news", "description": "News and updates."},
            {"name": "practices", "description": "Practices shared by member governments."},
            {"name": "decisions", "description": "What summits decided, and what became of it."},
            {"name": "statements", "description": "How each member lives the principles."},
        ],
    },
)


class Index(Schema):
    """Where each collection of the API is, and its description."""

    members: str = Field(description="The member governments.")
    principles: str = Field(description="The principles.")
    summits: str = Field(description="The ministerial summits.")
    working_groups: str = Field(description="The working groups.")
    documents: str = Field(description="The key documents.")
    news: str = Field(description="The news.")
    practices: str = Field(description="Practices members share with the public.")
    decisions: str = Field(description="What summits and working groups decided.")
    statements: str = Field(description="How each member lives each principle.")
    openapi: str = Field(description="This API's OpenAPI 3 description.")
    docs: str = Field(description="This API's description for people.")
    data: str = Field(description="Every collection in bulk, as CSV and JSON.")


@api.get(
    "/",
    response={200: Index, **ERRORS_INDEX},
    tags=["index"],
    summary="Where everything is",
    description="Absolute links to each collection, the OpenAPI description, the "
    "documentation and the bulk downloads.",
    operation_id="index",
)
def index(request):
    paths = {
        "members": "/api/v1/members/",
        "principles": "/api/v1/principles/",
        "summits": "/api/v1/summits/",
        "working_groups": "/api/v1/working-groups/",
        "documents": "/api/v1/documents/",
        "news": "/api/v1/news/",
        "practices": "/api/v1/practices/",
        "decisions": "/api/v1/decisions/",
        "statements": "/api/v1/statements/",
        "openapi": "/api/v1/openapi.json",
        "docs": "/api/docs/",
        "data": "/data/",
    }
    return {name: request.build_absolute_uri(path) for name, path in paths.items()}


api.add_router("/members/", members_router)
api.add_router("/principles/", principles_router)
api.add_router("/summits/", summits_router)
api.add_router("/working-groups/", groups_router)
api.add_router("/documents/", documents_router)
api.add_router("/news/", news_router)
api.add_router("/practices/", practices_router)
api.add_router("/decisions/", decisions_router)
api.add_router("/statements/", statements_router)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    errors = {}
    for item in exc.errors:
        name = str(item["loc"][-1]) if item.get("loc") else "request"
        errors.setdefault(name, []).append(item.get("msg", "Invalid value."))
    return error(400, "Invalid query parameters.", errors=errors)


@api.exception_handler(InvalidQuery)
def invalid_query(request, exc):
    return error(400, "Invalid query parameters.", errors=exc.errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return error(exc.status_code, exc.message)


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(404, "Not found.")
