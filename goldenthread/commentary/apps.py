from django.apps import AppConfig


class CommentaryConfig(AppConfig):
    name = "goldenthread.commentary"
    verbose_name = "Commentary"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of
        from goldenthread.web.parts import Part, add_part

        record_changes_of("commentary.IndicatorCommentary", "partnership_id")
        record_changes_of("commentary.YearSummary", "delivery_plan.plan.partnership_id")
        # The indicator's page shows its commentary; the delivery plan, the year's
        # summary at each aim and objective (``subject`` on that page).
        add_part(Part("indicator.commentary", 10, "commentary/includes/indicator_part.html"))
        add_part(Part("plan.aim", 10, "commentary/includes/summary_part.html"))
        add_part(Part("plan.objective", 10, "commentary/includes/summary_part.html"))
