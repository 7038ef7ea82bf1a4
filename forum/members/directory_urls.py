from django.urls import path

from . import directory

app_name = "directory"
urlpatterns = [
    path("", directory.directory_list, name="list"),
    path("<int:pk>/", directory.person_detail, name="person"),
    path("me/", directory.me, name="me"),
    path("me/edit/", directory.entry_edit, name="entry_edit"),
    path("me/posts/add/", directory.post_add, name="post_add"),
    path("me/posts/<int:pk>/edit/", directory.post_edit, name="post_edit"),
    path("me/posts/<int:pk>/delete/", directory.post_delete, name="post_delete"),
    path("me/data.json", directory.data_export, name="data_export"),
    path("me/delete/", directory.account_delete, name="account_delete"),
]
