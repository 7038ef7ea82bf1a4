from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
    path("<slug:slug>/files/<int:pk>/", views.attachment_download, name="attachment"),
]
