from django.urls import path

from . import workspace_views

app_name = "audit"
urlpatterns = [
    path("", workspace_views.audit_list, name="list"),
    path("<int:pk>/", workspace_views.audit_detail, name="detail"),
]
