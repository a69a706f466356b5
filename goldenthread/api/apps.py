from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "goldenthread.api"
    verbose_name = "REST API"
