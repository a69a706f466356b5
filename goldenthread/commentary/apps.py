from django.apps import AppConfig


class CommentaryConfig(AppConfig):
    name = "goldenthread.commentary"
    verbose_name = "Commentary"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of

        record_changes_of("commentary.IndicatorCommentary", "partnership_id")
        record_changes_of("commentary.YearSummary", "delivery_plan.plan.partnership_id")
