from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "creneau.notifications"
    label = "notifications"
