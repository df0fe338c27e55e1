from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


def _ensure_overlap_guard(using: str = "default", **kwargs: object) -> None:
    from django.db import connections

    from creneau.bookings.overlap import ensure_overlap_guard

    ensure_overlap_guard(connections[using])


def _booking_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    from creneau.bookings.summary import availability_summary_changed
    from creneau.catalog.freshness import public_pages_changed

    public_pages_changed(business_id=instance.business_id)
    # One note per bump, so the clock can tell a salon changed by bookings alone.
    availability_summary_changed(business_id=instance.business_id, start=instance.start)


class BookingsConfig(AppConfig):
    name = "creneau.bookings"
    label = "bookings"

    def ready(self) -> None:
        # Schema upkeep, not business logic: SQLite drops triggers when a migration rebuilds
        # the table, so they are put back after every migrate.
        post_migrate.connect(_ensure_overlap_guard, sender=self)
        # A booking saved or deleted changes the salon's free times (catalog.freshness); the
        # bulk UPDATEs of bookings.services call public_pages_changed themselves.
        booking = self.get_model("Booking")
        post_save.connect(_booking_changed, sender=booking, dispatch_uid="bookings.fresh.save")
        post_delete.connect(_booking_changed, sender=booking, dispatch_uid="bookings.fresh.del")
        # Reminders are a periodic job of the notifications clock, which names no feature.
        from creneau.bookings.reminders import reminders_send_due
        from creneau.notifications.clock import clock_job_register

        clock_job_register("reminders", reminders_send_due)
        # The search's availability summary follows the clock as well as the salon's changes.
        from creneau.bookings.summary import availability_summaries_refresh_due

        clock_job_register("availability_summaries", availability_summaries_refresh_due)
        # seed_demo fills the demo salons' agendas through the catalogue's extension point.
        from creneau.bookings.demo import demo_agendas_fill
        from creneau.catalog.demo import demo_extension_register

        demo_extension_register("bookings", demo_agendas_fill)
