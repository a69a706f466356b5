from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "goldenthread.reports"
    verbose_name = "Reports"
