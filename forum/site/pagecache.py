"""A full-page cache for anonymous visitors, shared by every process when the cache is
(Redis), per process otherwise.

A page is kept under its scheme, host, path, query string and whether the client takes
gzip, and the content version (`ContentClock.version()`): any change to public content
gives every page a new key, so it shows at once on every process, and the timeout only
bounds memory. Not under the visitor's Accept-Language: the language is in the address.

Only GET and HEAD requests without a session (or a message waiting) are looked up; only
answers with status 200 that set no cookie, are not streamed and do not forbid caching are
kept. Nothing under /cms/, /workspace/, /accounts/ nor the read API and bulk data (which
have their own conditional answers and rate limit). A kept page is stored as it was sent,
compressed, with an ETag: a matching If-None-Match gets a 304.

First in MIDDLEWARE: a page found costs no more than the lookups.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_max_age
from django.utils.http import parse_etags

from forum.core.models import ContentClock

SKIPPED_PREFIXES = (
    "/cms/",
    "/workspace/",
    "/accounts/",
    "/api/",
    "/data/",
    "/static/",
    "/media/",
    "/files/",
    "/healthz",
    "/readyz",
)
_LANGUAGE_PREFIX = re.compile(r"^/[a-z]{2}(?=/)")
_GZIP = re.compile(r"\bgzip\b")
#: Cookies that make a request someone's own: its page may differ.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
KEPT_HEADERS_SKIPPED = {"set-cookie", "date"}
logger = logging.getLogger(__name__)
#: The content version this process read last (see PageCacheMiddleware.answer).
_last_version = None


def _unprefixed(path: str) -> str:
    return _LANGUAGE_PREFIX.sub("", path, count=1)


def is_cacheable_request(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if _unprefixed(request.path).startswith(SKIPPED_PREFIXES):
        return False
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


def is_keepable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a form token of this visitor's
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return get_max_age(response) != 0


def page_key(request, version: str) -> str:
    encoding = "gzip" if _GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "plain"
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{address}|{encoding}".encode()).hexdigest()
    return f"page:{version}:{digest}"


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _answer(request, entry) -> HttpResponse:
    status, headers, body = entry
    etag = dict(headers).get("ETag")
    if etag and etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name.lower() in ("etag", "cache-control", "vary", "content-language"):
                response[name] = value
        return response
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with ContentClock.reading():  # one read of the content version per request
            return self.answer(request)

    def answer(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # refused further in, with a 400
        global _last_version  # noqa: PLW0603 (one value per process, read by each request)
        try:
            _last_version = ContentClock.version()
        except DatabaseError:
            # The database is away: the pages kept under the last version read are still
            # answered; others get the 503 that server_error gives.
            if _last_version is None:
                return self.get_response(request)
        try:
            key = page_key(request, _last_version)
            entry = cache.get(key)
        except Exception:  # no cache to be had: the page is made as if there were none
            logger.warning("Page cache unavailable for %s", request.path, exc_info=True)
            return self.get_response(request)
        if entry is not None:
            return _answer(request, entry)
        response = self.get_response(request)
        if is_keepable(request, response):
            body = response.content
            if not response.has_header("ETag"):
                response["ETag"] = _etag(body)
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in KEPT_HEADERS_SKIPPED
            ]
            try:
                cache.set(key, (response.status_code, headers, body), settings.PAGE_CACHE_SECONDS)
            except Exception:  # the cache went away: the page is still answered
                logger.warning("Page cache unavailable for %s", request.path, exc_info=True)
            if response["ETag"] in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
                return _answer(request, (response.status_code, headers, body))
        return response
