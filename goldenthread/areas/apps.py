from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "goldenthread.areas"
    verbose_name = "Areas"
