from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "goldenthread.partnerships"
    verbose_name = "Partnerships and roles"
