from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "goldenthread.indicators"
    verbose_name = "Indicators"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of
        from goldenthread.web.navigation import add_section, page_section

        add_section(page_section("scorecard", 40, "Scorecard", "indicators:scorecard"))
        record_changes_of("indicators.Indicator", None, shared=True)
        record_changes_of("indicators.Target", "partnership_id")
        record_changes_of("indicators.IndicatorOwner", "partnership_id")
        record_changes_of("indicators.DataPoint", None, shared=True)
