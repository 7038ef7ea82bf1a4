app_name = "questions"
urlpatterns = []
