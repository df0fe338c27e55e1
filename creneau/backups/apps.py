from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "creneau.backups"
    label = "backups"
