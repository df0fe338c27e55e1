from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "creneau.bookings"
    label = "bookings"
