from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "goldenthread.reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from goldenthread.indicators.signals import values_changed

        values_changed.connect(draw_charts_when_values_change, dispatch_uid="report-charts")


def draw_charts_when_values_change(sender, **kwargs) -> None:
    """Have the worker draw the report charts that new values change."""
    # Imported here: this module is loaded before the models that the tasks use are.
    from .tasks import draw_report_charts

    draw_report_charts.enqueue()
