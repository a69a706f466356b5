from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "goldenthread.rounds"
    verbose_name = "Update rounds"
