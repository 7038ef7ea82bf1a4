from django.urls import path

from . import workspace_views as views

app_name = "statement_workspace"
urlpatterns = [
    path("", views.statement_list, name="list"),
    path("<int:pk>/submit/", views.statement_submit_view, name="submit"),
    path("<int:pk>/publish/", views.statement_publish_view, name="publish"),
    path("<slug:slug>/", views.statement_edit, name="edit"),
]
