from django.urls import path

from . import bulk

app_name = "data"
urlpatterns = [
    path("", bulk.data_index, name="index"),
    path("datapackage.json", bulk.data_package, name="package"),
    path("<slug:name>.<str:fmt>", bulk.data_file, name="file"),
]
