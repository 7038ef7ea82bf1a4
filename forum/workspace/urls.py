from django.urls import include, path

from . import views

app_name = "workspace"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("practices/", include("forum.practices.workspace_urls")),
    path("questions/", include("forum.questions.workspace_urls")),
    path("directory/", include("forum.members.workspace_urls")),
    path("groups/", include("forum.groups.workspace_urls")),
    path("decisions/", include("forum.decisions.workspace_urls")),
    path("statements/", include("forum.statements.workspace_urls")),
    path("notifications/", include("forum.notifications.workspace_urls")),
    path("audit/", include("forum.site.workspace_urls")),
]
