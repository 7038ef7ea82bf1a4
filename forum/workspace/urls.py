from django.urls import include, path

from . import views

app_name = "workspace"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("practices/", include("forum.practices.workspace_urls")),
    path("questions/", include("forum.questions.urls")),
    path("directory/", include("forum.members.directory_urls")),
    path("groups/", include("forum.groups.workspace_urls")),
    path("notifications/", include("forum.notifications.urls")),
    path("audit/", include("forum.site.audit_urls")),
]
