from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "goldenthread.indicators"
    verbose_name = "Indicators"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from goldenthread.areas.signals import reference_data_changed
        from goldenthread.audit.registry import record_changes_of
        from goldenthread.web.navigation import add_section, page_section

        from . import standings
        from .models import Indicator

        add_section(page_section("scorecard", 40, "Scorecard", "indicators:scorecard"))
        record_changes_of("indicators.Indicator", None, shared=True)
        record_changes_of("indicators.Target", "partnership_id")
        record_changes_of("indicators.IndicatorOwner", "partnership_id")
        record_changes_of("indicators.DataPoint", None, shared=True)
        post_save.connect(standings.rerank_on_a_new_polarity, sender=Indicator)
        reference_data_changed.connect(standings.rework_on_new_geography)
