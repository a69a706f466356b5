from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "goldenthread.boards"
    verbose_name = "Boards and meetings"
