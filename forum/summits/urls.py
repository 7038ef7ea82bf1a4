from django.urls import path

from . import views

app_name = "summits"
urlpatterns = [
    path("", views.summit_list, name="list"),
    path("<slug:slug>/", views.summit_detail, name="detail"),
]
