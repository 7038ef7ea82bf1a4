from django.urls import path

from . import workspace_views

app_name = "questions"
urlpatterns = [
    path("", workspace_views.question_list, name="list"),
    path("new/", workspace_views.question_ask, name="ask"),
    path("<int:pk>/", workspace_views.question_detail, name="detail"),
    path("<int:pk>/answers/", workspace_views.answer_create, name="answer"),
    path(
        "<int:pk>/answers/<int:answer_pk>/helpful/", workspace_views.answer_helpful, name="helpful"
    ),
    path("<int:pk>/to-practice/", workspace_views.question_to_practice, name="to_practice"),
]
