from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "goldenthread.strategy"
    verbose_name = "Plan documents and the golden thread"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of
        from goldenthread.web.navigation import add_section, page_section

        add_section(page_section("plan-document", 30, "Plan document", "strategy:document"))
        record_changes_of("strategy.PlanDocument", "plan.partnership_id")
        record_changes_of("strategy.HigherPlan", "partnership_id")
