"""What every answer of the read API and the bulk data shares: read-only methods, CORS for
any site, a content-hash ETag and a Last-Modified with 304, a JSON body for every 4xx,
and a rate limit.

`open_data` wraps a view with all of it; forum.api.urls wraps each of Ninja's views.
"""

import functools
import hashlib

from django.conf import settings
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotModified,
    JsonResponse,
)
from django.urls import Resolver404, resolve
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from forum.core.models import ContentClock
from forum.core.throttle import client_address, hit

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
CACHE_CONTROL = "public, max-age=60"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "ETag, Last-Modified, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining"
    ),
    # Readable from any site: this is public data (the site's pages stay same-origin).
    "Cross-Origin-Resource-Policy": "cross-origin",
}
# What changes with the code, not the content: no Last-Modified from the content clock.
SCHEMA_PATHS = ("/openapi.json",)
#: Longer addresses are not redirected (Django refuses redirects past 2,048 characters).
MAX_REDIRECT = 2000
DEFAULT_RATE_LIMIT = 120  # requests per client address per minute
RATE_WINDOW = 60


def error(status: int, detail: str, **extra) -> JsonResponse:
    """A 4xx with a JSON body: {"detail": ..., "errors": {...}}."""
    return JsonResponse(
        {"detail": detail, **extra}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def rate_limit(request) -> tuple[int, int, int]:
    """Count this request in its client's window: (limit, remaining, seconds to wait).
    A limit of 0 (settings.API_RATE_LIMIT) turns the limit off."""
    limit = getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    if not limit:
        return 0, 0, 0
    remaining, wait = hit(request, "api", client_address(request), f"{limit}/{RATE_WINDOW}s")
    return limit, remaining, wait


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:40] + '"'


def matches(request, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    tags = parse_etags(header)
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


def preflight(request) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = request.META.get(
        "HTTP_ACCESS_CONTROL_REQUEST_HEADERS", "Accept, If-None-Match"
    )
    response["Access-Control-Max-Age"] = "86400"
    response["Allow"] = ALLOWED_METHODS
    return response


def finish(request, response):
    """ETag and 304 on a 200; CORS on everything."""
    if response.status_code == 200 and not response.streaming:
        etag = etag_of(response.content)
        response["ETag"] = etag
        response.headers.setdefault("Cache-Control", CACHE_CONTROL)
        if matches(request, etag):
            not_modified = HttpResponseNotModified()
            for header in ("ETag", "Cache-Control", "Content-Type", "Last-Modified"):
                if response.has_header(header):
                    not_modified[header] = response[header]
            response = not_modified
    for header, value in CORS_HEADERS.items():
        response[header] = value
    return response


def not_modified_since(request, last_modified) -> bool:
    """If-Modified-Since holds (and no If-None-Match, which takes precedence)."""
    if "HTTP_IF_NONE_MATCH" in request.META:
        return False
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified.timestamp() <= since


def answer(view, request, args, kwargs):
    """The view's answer to a GET; a HEAD is answered as a GET without the body.

    Records change only when public content does, which moves the content clock
    (forum.api.bulk): its time is every answer's Last-Modified, so that a client holding
    an answer newer than that gets a 304 without the records being read at all."""
    last_modified = None
    if not request.path.endswith(SCHEMA_PATHS):
        last_modified = ContentClock.last_change()
        if not_modified_since(request, last_modified):
            response = HttpResponseNotModified()
            response["Last-Modified"] = http_date(last_modified.timestamp())
            response["Cache-Control"] = CACHE_CONTROL
            return finish(request, response)
    head = request.method == "HEAD"
    request.method = "GET"
    try:
        response = view(request, *args, **kwargs)
    except Http404:
        response = error(404, "Not found.")
    finally:
        request.method = "HEAD" if head else "GET"
    if last_modified is not None and response.status_code == 200:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response = finish(request, response)
    if head and not response.streaming:
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


def open_data(view):
    """Serve a view as part of the open data: see the module's docstring."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return finish(request, preflight(request))
        limit, remaining, wait = rate_limit(request)
        if wait:
            response = error(
                429, f"Too many requests: at most {limit} a minute. Try again in {wait} s."
            )
            response["Retry-After"] = str(wait)
            response = finish(request, response)
        elif request.method not in ("GET", "HEAD"):
            response = error(405, f"Only {ALLOWED_METHODS} are allowed here.")
            response["Allow"] = ALLOWED_METHODS
            response = finish(request, response)
        else:
            response = answer(view, request, args, kwargs)
        if limit:
            response["X-RateLimit-Limit"] = str(limit)
            response["X-RateLimit-Remaining"] = str(remaining)
        return response

    wrapped.csrf_exempt = True
    return wrapped


def not_found(request, *args, **kwargs):
    """A JSON 404; or, where the address with (or without) a trailing slash is one of the
    API's, a permanent redirect there (308: the method is kept). The location is this
    site's path, escaped: never another host."""
    path = request.path_info
    other = path[:-1] if path.endswith("/") else path + "/"
    try:
        match = resolve(other)
    except Resolver404:
        match = None
    if match is not None and match.url_name != "not-found":
        location = escape_uri_path(request.path[: -len(path)] + other)
        if request.META.get("QUERY_STRING"):
            location += "?" + iri_to_uri(request.META["QUERY_STRING"])
        if len(location) <= MAX_REDIRECT:
            # A JSON body too, as every answer of the API has.
            response = JsonResponse({"detail": f"The API's address is {location}"}, status=308)
            response["Location"] = location
            return response
    return error(
        404,
        "There is nothing at this address. The API's addresses are listed at "
        "/api/v1/openapi.json and described at /api/docs/.",
    )
