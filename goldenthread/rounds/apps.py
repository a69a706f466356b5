from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "goldenthread.rounds"
    verbose_name = "Update rounds"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of
        from goldenthread.partnerships.models import Role
        from goldenthread.web.navigation import add_section, page_section
        from goldenthread.web.parts import Part, add_part

        add_section(
            page_section("rounds", 70, "Update rounds", "rounds:rounds", role=Role.CONTRIBUTOR)
        )
        add_section(
            page_section("my_actions", 80, "My actions", "rounds:my_actions", role=Role.CONTRIBUTOR)
        )
        # Values entered in a round and not yet signed off, for the partnership's members.
        add_part(Part("indicator.latest", 10, "rounds/includes/indicator_provisional.html"))
        record_changes_of("rounds.UpdateRound", "delivery_plan.plan.partnership_id")
        record_changes_of("rounds.RoundValue", "update_round.delivery_plan.plan.partnership_id")
