from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "goldenthread.caching"
    label = "caching"
    verbose_name = "Cached pages"
