from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_overlap_guard(using: str = "default", **kwargs: object) -> None:
    from django.db import connections

    from creneau.bookings.overlap import ensure_overlap_guard

    ensure_overlap_guard(connections[using])


class BookingsConfig(AppConfig):
    name = "creneau.bookings"
    label = "bookings"

    def ready(self) -> None:
        # Schema upkeep, not business logic: SQLite drops triggers when a migration rebuilds
        # the table, so they are put back after every migrate.
        post_migrate.connect(_ensure_overlap_guard, sender=self)
