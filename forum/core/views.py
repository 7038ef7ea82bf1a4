import sys
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
@never_cache
def healthz(request):
    """The process is up. Says nothing of its dependencies: see readyz."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@never_cache
def readyz(request):
    """Ready to serve: the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


API_PREFIX = "/api/"


def _api_error(status: int, detail: str) -> JsonResponse:
    """The read API answers every error with the same JSON shape (forum.api.http.error)."""
    return JsonResponse({"detail": detail}, status=status)


def bad_request(request, exception):
    if request.path.startswith(API_PREFIX):
        return _api_error(400, "Bad request.")
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if request.path.startswith(API_PREFIX):
        return _api_error(404, "Not found.")
    return render(request, "404.html", status=404)


#: How long to tell clients to wait while the database is away.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    if isinstance(sys.exception(), DatabaseError):
        # The database is away (stopped, restarting, unreachable): a 503 that says to
        # come back; the next request opens a new connection, so service resumes by itself.
        if request.path.startswith(API_PREFIX):
            response = _api_error(503, "The service is briefly unavailable. Try again soon.")
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if request.path.startswith(API_PREFIX):
        return _api_error(500, "Something went wrong on our side. Please try again later.")
    # No context processors or database: whatever failed may fail again.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def too_long(request):
    """414: the address is longer than core.middleware.MAX_ADDRESS_LENGTH."""
    if request.path.startswith(API_PREFIX):
        return _api_error(414, "The address is too long: shorten the query.")
    return render(request, "414.html", status=414)


def image_rendition(request, path):
    """A rendition of an image the secretariat added (made without its EXIF data), from
    MEDIA_ROOT/images; never an original upload."""
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "images")
