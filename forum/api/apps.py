from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "forum.api"
    label = "api"
    verbose_name = "Open data"
