from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from forum.api.views import api_docs, api_root
from forum.core import views as core_views
from forum.decisions.feeds import DecisionFeed
from forum.documents.feeds import DocumentFeed
from forum.news.feeds import NewsFeed
from forum.practices.feeds import PracticeFeed
from forum.site import views as site_views
from forum.site.sitemaps import SITEMAPS

# Addresses in one language only: machine-readable, the back office, health checks.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("cms/", include(wagtailadmin_urls)),
    path("files/", include(wagtaildocs_urls)),
    path("feeds/documents/", DocumentFeed(), name="feeds-documents"),
    path("feeds/news/", NewsFeed(), name="feeds-news"),
    path("feeds/practices/", PracticeFeed(), name="feeds-practices"),
    path("feeds/decisions/", DecisionFeed(), name="feeds-decisions"),
    path("api/", api_root, name="api-root"),
    path("api/v1/", include("forum.api.urls")),
    # The renditions of the images the secretariat adds (made without their EXIF data),
    # never the originals uploaded (/media/original_images/, which may carry it).
    path("media/images/<path:path>", core_views.image_rendition, name="image-renditions"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("cards/<str:token>.png", site_views.link_preview, name="link-preview"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

# Pages for people: English at /documents/, other languages at /fr/documents/ and so on.
urlpatterns += i18n_patterns(
    path("members/", include("forum.members.urls")),
    path("principles/", include("forum.principles.urls")),
    path("summits/", include("forum.summits.urls")),
    path("working-groups/", include("forum.groups.urls")),
    path("documents/", include("forum.documents.urls")),
    path("news/", include("forum.news.urls")),
    path("practices/", include("forum.practices.urls")),
    path("decisions/", include("forum.decisions.urls")),
    path("alerts/", include("forum.alerts.urls")),
    path("accounts/", include("forum.accounts.urls")),
    path("workspace/", include("forum.workspace.urls")),
    path("search/", include("forum.search.urls")),
    path("api/docs/", api_docs, name="api-docs"),
    path("data/", include("forum.api.data_urls")),
    path("contact/", include("forum.contact.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "forum.core.views.bad_request"
handler404 = "forum.core.views.page_not_found"
handler500 = "forum.core.views.server_error"
