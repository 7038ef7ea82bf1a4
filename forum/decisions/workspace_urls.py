from django.urls import path

from . import workspace_views as views

app_name = "decision_workspace"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("<int:pk>/status/", views.status_update, name="status"),
    path("<int:pk>/progress/", views.progress_propose, name="progress"),
    path("progress/<int:pk>/approve/", views.progress_approve, name="approve"),
]
