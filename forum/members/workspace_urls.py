from django.urls import path

from . import workspace_views

app_name = "directory"
urlpatterns = [
    path("", workspace_views.directory_list, name="list"),
    path("<int:pk>/", workspace_views.person_detail, name="person"),
    path("me/", workspace_views.me, name="me"),
    path("me/edit/", workspace_views.entry_edit, name="entry_edit"),
    path("me/posts/add/", workspace_views.post_add, name="post_add"),
    path("me/posts/<int:pk>/edit/", workspace_views.post_edit, name="post_edit"),
    path("me/posts/<int:pk>/delete/", workspace_views.post_delete, name="post_delete"),
    path("me/data.json", workspace_views.data_export, name="data_export"),
    path("me/delete/", workspace_views.account_delete, name="account_delete"),
]
