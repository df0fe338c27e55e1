from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "creneau.accounts"
    label = "accounts"
