from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "goldenthread.reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from goldenthread.indicators.signals import values_changed

        from .tasks import draw_charts_when_values_change

        values_changed.connect(draw_charts_when_values_change)
