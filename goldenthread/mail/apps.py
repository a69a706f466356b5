from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "goldenthread.mail"
    verbose_name = "Outgoing email"
