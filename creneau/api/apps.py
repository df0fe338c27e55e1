from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "creneau.api"
    label = "api"
