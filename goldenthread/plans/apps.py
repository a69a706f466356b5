from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "goldenthread.plans"
    verbose_name = "Plans"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of

        from .pages import add_sections

        add_sections()
        record_changes_of("plans.Plan", "partnership_id")
        record_changes_of("plans.Aim", "plan.partnership_id")
        record_changes_of("plans.Objective", "aim.plan.partnership_id")
        record_changes_of("plans.DeliveryPlan", "plan.partnership_id")
        record_changes_of(
            "plans.Action", "delivery_plan.plan.partnership_id", exclude=("sort_key", "updated_at")
        )
        record_changes_of("plans.ActionUpdate", "action.delivery_plan.plan.partnership_id")
