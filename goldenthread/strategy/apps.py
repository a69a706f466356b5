from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "goldenthread.strategy"
    verbose_name = "Plan documents and the golden thread"
