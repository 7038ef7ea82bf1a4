"""The site's addresses with the decisions' pages, feed and API, as forum/urls.py and
forum/api/api.py will have them once the integrator adds the same lines there (the read
API's own test lists every operation, so its router is registered in one step)."""

from ninja.errors import HttpError, ValidationError

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.urls.resolvers import URLPattern

from forum import urls as site_urls
from forum.api import api as read_api
from forum.api.http import open_data
from forum.core.schemas import InvalidQuery
from forum.decisions.api import router
from forum.decisions.feeds import DecisionFeed

api = read_api.ReadAPI(
    title="Digital Nations read API",
    version="1.0.0",
    urls_namespace="decisions-test-api",
    docs_url=None,
    renderer=read_api.Renderer(),
)
api.add_router("/decisions/", router)
api.add_exception_handler(ValidationError, read_api.invalid_parameters)
api.add_exception_handler(InvalidQuery, read_api.invalid_query)
api.add_exception_handler(HttpError, read_api.http_error)

served = [URLPattern(p.pattern, open_data(p.callback), p.default_args, p.name) for p in api.urls[0]]

urlpatterns = [
    path("feeds/decisions/", DecisionFeed(), name="feeds-decisions"),
    path("api/v1/", include((served, "decisions-test-api"))),
    *i18n_patterns(
        path("decisions/", include("forum.decisions.urls")),
        path("workspace/decisions/", include("forum.decisions.workspace_urls")),
        prefix_default_language=False,
    ),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler404 = site_urls.handler404
handler500 = site_urls.handler500
