from django.urls import path

from . import views

app_name = "contact"
# Beside the contact page (/contact/, a Wagtail page): the address its form is sent to,
# and the confirmation.
urlpatterns = [
    path("send/", views.send, name="send"),
    path("sent/", views.sent, name="sent"),
]
