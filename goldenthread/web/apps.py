from django.apps import AppConfig
from django.urls import register_converter


class WebConfig(AppConfig):
    """The shell every page and command shares: the partnership a page is about, its
    navigation, forms, URL converters, command options and error pages."""

    name = "goldenthread.web"
    verbose_name = "Web"

    def ready(self) -> None:
        from .converters import FinancialYearConverter

        # Before any URL configuration is read, which happens after every app is ready.
        register_converter(FinancialYearConverter, "year")
