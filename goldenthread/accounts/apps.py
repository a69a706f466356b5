from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "goldenthread.accounts"
    verbose_name = "People and roles"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks)
