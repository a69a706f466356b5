from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "goldenthread.strategy"
    verbose_name = "Plan documents and the golden thread"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of
        from goldenthread.web.navigation import add_section, page_section
        from goldenthread.web.parts import Part, add_part

        add_section(page_section("plan-document", 30, "Plan document", "strategy:document"))
        record_changes_of("strategy.PlanDocument", "plan.partnership_id")
        record_changes_of("strategy.HigherPlan", "partnership_id")
        # A priority's basis changes with the aims an import links to it.
        record_changes_of("strategy.Priority", "higher_plan.partnership_id")
        record_changes_of("strategy.Commitment", "objective.aim.plan.partnership_id")
        record_changes_of("strategy.Milestone", "objective.aim.plan.partnership_id")
        # An action's page shows the priorities its objective serves.
        add_part(Part("action.objective", 10, "strategy/includes/action_serves.html"))
