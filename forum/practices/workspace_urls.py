app_name = "practices_ws"
urlpatterns = []
