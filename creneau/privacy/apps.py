from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "creneau.privacy"
    label = "privacy"
