"""The site's addresses, and /bench/hello/: the smallest page Django can serve through
this project's middleware, the ceiling any real page is compared with."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from forum.urls import handler400, handler404, handler500
from forum.urls import urlpatterns as site_urlpatterns

HELLO = (
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Hello</title>'
    "<p>Hello, world.</p></html>"
)


@require_safe
def hello(request):
    return HttpResponse(HELLO)


urlpatterns = [path("bench/hello/", hello, name="bench-hello"), *site_urlpatterns]

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]
