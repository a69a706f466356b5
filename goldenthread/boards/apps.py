from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "goldenthread.boards"
    verbose_name = "Boards and meetings"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of
        from goldenthread.web.navigation import add_section, page_section
        from goldenthread.web.parts import Part, add_part

        add_section(page_section("boards", 60, "Boards", "boards:boards"))
        record_changes_of("boards.Board", "partnership_id")
        record_changes_of("boards.BoardMember", "board.partnership_id")
        record_changes_of("boards.Meeting", "board.partnership_id")
        record_changes_of("boards.AgendaItem", "meeting.board.partnership_id")
        # An action's page shows the board meetings it is on the agenda of.
        add_part(Part("action.history", 10, "boards/includes/action_meetings.html"))
