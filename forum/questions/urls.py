from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("new/", views.question_ask, name="ask"),
    path("<int:pk>/", views.question_detail, name="detail"),
    path("<int:pk>/answers/", views.answer_create, name="answer"),
    path("<int:pk>/answers/<int:answer_pk>/helpful/", views.answer_helpful, name="helpful"),
    path("<int:pk>/to-practice/", views.question_to_practice, name="to_practice"),
]
