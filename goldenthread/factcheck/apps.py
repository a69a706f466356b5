from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    name = "goldenthread.factcheck"
    verbose_name = "Fact check"
