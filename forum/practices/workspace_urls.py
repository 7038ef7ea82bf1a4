from django.urls import path

from . import workspace_views

app_name = "practices_ws"
urlpatterns = [
    path("", workspace_views.workspace_list, name="list"),
    path("new/", workspace_views.workspace_create, name="create"),
    path("<slug:slug>/", workspace_views.workspace_detail, name="detail"),
    path("<slug:slug>/edit/", workspace_views.workspace_edit, name="edit"),
    path("<slug:slug>/submit/", workspace_views.workspace_submit, name="submit"),
    path("<slug:slug>/publish/", workspace_views.workspace_publish, name="publish"),
    path("<slug:slug>/return/", workspace_views.workspace_return, name="return"),
    path("<slug:slug>/revisions/", workspace_views.workspace_revisions, name="revisions"),
    path("<slug:slug>/files/<int:pk>/", workspace_views.workspace_attachment, name="attachment"),
]
