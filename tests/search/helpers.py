"""Helpers shared by the search tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from creneau.bookings.models import AvailabilitySummary, Booking
from creneau.catalog.models import Business


def book_first_free(capture) -> tuple[Business, datetime]:
    """Book the earliest free start any summary shows, its on-commit work run by `capture`."""
    row = AvailabilitySummary.objects.order_by("first_start").select_related("service").first()
    service = row.service
    staff = service.staff.filter(is_active=True).first()
    with capture(execute=True):
        Booking.objects.create(
            business=row.business,
            staff=staff,
            start=row.first_start,
            end=row.first_start + timedelta(minutes=service.duration_minutes),
            blocked_until=row.first_start + timedelta(minutes=service.duration_minutes),
            total_price=service.price,
        )
    return row.business, row.first_start
