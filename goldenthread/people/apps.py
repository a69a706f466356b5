from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "goldenthread.people"
    verbose_name = "People and organisations"
