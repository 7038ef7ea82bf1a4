from django.urls import path

from . import views

app_name = "practices_ws"
urlpatterns = [
    path("", views.workspace_list, name="list"),
    path("new/", views.workspace_create, name="create"),
    path("<slug:slug>/", views.workspace_detail, name="detail"),
    path("<slug:slug>/edit/", views.workspace_edit, name="edit"),
    path("<slug:slug>/submit/", views.workspace_submit, name="submit"),
    path("<slug:slug>/publish/", views.workspace_publish, name="publish"),
    path("<slug:slug>/return/", views.workspace_return, name="return"),
    path("<slug:slug>/revisions/", views.workspace_revisions, name="revisions"),
    path("<slug:slug>/files/<int:pk>/", views.workspace_attachment, name="attachment"),
]
