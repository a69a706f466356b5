from django.apps import AppConfig
from django.urls import reverse


class ReportsConfig(AppConfig):
    name = "goldenthread.reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of
        from goldenthread.indicators.signals import values_changed
        from goldenthread.web.navigation import Section, add_section

        values_changed.connect(draw_charts_when_values_change, dispatch_uid="report-charts")
        add_section(Section("report", 50, annual_report_link))
        record_changes_of("reports.PublishedReport", "partnership_id")
        record_changes_of("reports.ReportSection", "delivery_plan.plan.partnership_id")
        record_changes_of("reports.SectionImage", "section.delivery_plan.plan.partnership_id")


def annual_report_link(partnership, delivery_plan) -> tuple[str, str] | None:
    """The year's annual report; a draft has none: reports are of published plans."""
    if delivery_plan.is_draft:
        return None
    url = reverse("reports:report", args=[partnership.slug, delivery_plan.year, "annual"])
    return "Annual report", url


def draw_charts_when_values_change(sender, **kwargs) -> None:
    """Have the worker draw the report charts that new values change."""
    # Imported here: this module is loaded before the models that the tasks use are.
    from .tasks import draw_report_charts

    draw_report_charts.enqueue()
