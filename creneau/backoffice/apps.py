from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "creneau.backoffice"
    label = "backoffice"
