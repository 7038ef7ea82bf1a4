app_name = "practices"
urlpatterns = []
