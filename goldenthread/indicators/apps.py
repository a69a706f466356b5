from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "goldenthread.indicators"
    verbose_name = "Indicators"
