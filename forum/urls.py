from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from forum.core import views as core_views
from forum.documents.feeds import DocumentFeed

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("cms/", include(wagtailadmin_urls)),
    path("files/", include(wagtaildocs_urls)),
    path("members/", include("forum.members.urls")),
    path("principles/", include("forum.principles.urls")),
    path("summits/", include("forum.summits.urls")),
    path("working-groups/", include("forum.groups.urls")),
    path("documents/", include("forum.documents.urls")),
    path("news/", include("forum.news.urls")),
    path("practices/", include("forum.practices.urls")),
    path("accounts/", include("forum.accounts.urls")),
    path("workspace/", include("forum.workspace.urls")),
    path("search/", include("forum.search.urls")),
    path("feeds/documents/", DocumentFeed(), name="feeds-documents"),
    path("", include(wagtail_urls)),
]

handler404 = "forum.core.views.page_not_found"
handler500 = "forum.core.views.server_error"
