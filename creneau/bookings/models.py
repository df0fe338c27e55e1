"""Bookings: one appointment of a customer with one staff member, for one or more services.

A booking blocks its staff member from `start` to `blocked_until` (its end plus the buffer of
its last service). The database itself forbids two active bookings of one staff member whose
blocked ranges overlap: see `creneau.bookings.overlap` and docs/locking.md.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from creneau.catalog.models import Business, Service, StaffMember

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED_BY_CUSTOMER = "cancelled_customer", _("Cancelled by you")
    CANCELLED_BY_BUSINESS = "cancelled_business", _("Cancelled by the salon")
    COMPLETED = "completed", _("Completed")
    NO_SHOW = "no_show", _("No-show")


# Statuses that hold the staff member's time. Cancelled bookings free it.
ACTIVE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.COMPLETED, BookingStatus.NO_SHOW)


class BookingSource(models.TextChoices):
    SITE = "site", _("Website")
    APP = "app", _("App")
    BACKOFFICE = "backoffice", _("Salon")


class Booking(models.Model):
    Status = BookingStatus
    Source = BookingSource

    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="bookings")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("customer"),
    )
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="bookings")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    blocked_until = models.DateTimeField(
        _("blocked until"), help_text=_("End of the appointment plus the buffer after it.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    source = models.CharField(
        _("source"), max_length=12, choices=BookingSource.choices, default=BookingSource.SITE
    )
    total_price = models.DecimalField(_("total price"), max_digits=9, decimal_places=2)
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="bookings_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("end")), name="bookings_blocked_after_end"
            ),
            models.CheckConstraint(
                condition=Q(total_price__gte=0), name="bookings_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="bookings_status_valid"
            ),
            models.UniqueConstraint(
                fields=["customer", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="bookings_idempotency_key_unique",
            ),
        ]
        indexes = [
            # The availability loader reads a salon's bookings for a date range.
            models.Index(fields=["business", "start"], name="bookings_business_start_idx"),
            models.Index(fields=["staff", "start"], name="bookings_staff_start_idx"),
            models.Index(fields=["customer", "start"], name="bookings_customer_start_idx"),
        ]

    def __str__(self) -> str:
        return f"Booking {self.reference}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def change_deadline(self) -> datetime:
        """Last moment the customer may cancel or move this booking."""
        return self.start - timedelta(hours=self.business.cancellation_deadline_hours)

    def is_changeable_by_customer(self, now: datetime) -> bool:
        return self.status == BookingStatus.CONFIRMED and now <= self.change_deadline()


class BookingService(models.Model):
    """One service of a booking, with its name, duration and price as they were when booked."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="lines")
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=120)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    buffer_minutes = models.PositiveSmallIntegerField(_("buffer (minutes)"), default=0)
    price = models.DecimalField(_("price"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("booked service")
        verbose_name_plural = _("booked services")
        ordering = ["booking", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "position"], name="bookings_line_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="bookings_line_duration_positive"
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="bookings_line_price_positive"),
        ]

    def __str__(self) -> str:
        return self.name
