from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "goldenthread.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from . import data_versions, receivers, registry

        registry.register_own()
        receivers.connect()
        data_versions.connect()
