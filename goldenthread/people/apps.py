from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "goldenthread.people"
    verbose_name = "People and organisations"

    def ready(self) -> None:
        from goldenthread.audit.registry import record_changes_of
        from goldenthread.partnerships.models import Role
        from goldenthread.web.navigation import add_section, page_section

        add_section(page_section("people", 100, "People", "people:people", role=Role.MANAGER))
        record_changes_of("people.Organisation", "partnership_id")
        record_changes_of("people.Person", "partnership_id")
