from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "goldenthread.checks"
    verbose_name = "Plan quality checks"
