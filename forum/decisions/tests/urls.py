"""The site's addresses with the decisions' pages and feed, as forum/urls.py will have
them (the integrator adds the same lines there)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from forum import urls as site_urls
from forum.decisions.feeds import DecisionFeed

urlpatterns = [
    path("feeds/decisions/", DecisionFeed(), name="feeds-decisions"),
    *i18n_patterns(
        path("decisions/", include("forum.decisions.urls")), prefix_default_language=False
    ),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler404 = site_urls.handler404
handler500 = site_urls.handler500
