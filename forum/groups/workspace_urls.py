from django.urls import path

from . import workspace_views as views

app_name = "group_workspace"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/drafts/new/", views.draft_new, name="draft_new"),
    path("<slug:slug>/drafts/<int:pk>/", views.draft_detail, name="draft"),
    path("<slug:slug>/drafts/<int:pk>/edit/", views.draft_edit, name="draft_edit"),
    path("<slug:slug>/drafts/<int:pk>/status/", views.draft_status, name="draft_status"),
    path("<slug:slug>/drafts/<int:pk>/comments/", views.comment_create_view, name="comment"),
]
