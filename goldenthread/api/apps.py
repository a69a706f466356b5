from django.apps import AppConfig
from django.core.signals import request_finished


class ApiConfig(AppConfig):
    name = "goldenthread.api"
    verbose_name = "REST API"

    def ready(self) -> None:
        from .authentication import record_after_response

        # After the response has gone: a token's use is noted outside the request.
        request_finished.connect(record_after_response, dispatch_uid="api-token-use")
