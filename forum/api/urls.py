"""/api/v1/: Ninja's views, each served as open data (forum.api.http), and a JSON 404 for
every other address under it."""

from django.urls import re_path
from django.urls.resolvers import URLPattern

from .api import api
from .http import not_found, open_data

app_name = "api-v1"


def _served(pattern: URLPattern) -> URLPattern:
    return URLPattern(
        pattern.pattern, open_data(pattern.callback), pattern.default_args, pattern.name
    )


urlpatterns = [
    *(_served(pattern) for pattern in api.urls[0]),
    re_path(r"^", open_data(not_found), name="not-found"),
]
