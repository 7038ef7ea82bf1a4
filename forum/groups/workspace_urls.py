app_name = "group_workspace"
urlpatterns = []
