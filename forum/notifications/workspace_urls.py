from django.urls import path

from . import workspace_views

app_name = "notifications"
urlpatterns = [
    path("", workspace_views.notification_list, name="list"),
    path("read-all/", workspace_views.notification_mark_all_read, name="read_all"),
    path("<int:pk>/read/", workspace_views.notification_mark_read, name="read"),
    path("preferences/", workspace_views.preferences, name="preferences"),
]
