"""The waitlist: customers who found no time that suits them, and the times offered to them.

An entry says what the customer waits for (services, optionally a staff member, a range of
days, days of the week and a window of start times) and when they joined: offers go out in
that order. An offer holds one free time for one entry until `expires_at`; while it is held
the time is not offered to anyone else on the list (a fairness rule, not a lock on the agenda:
other customers can still book it through the normal flow, and the confirmation re-checks the
slot as every booking does). The database allows one held offer per entry and per staff member
and start.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from creneau.bookings.models import Booking
from creneau.catalog.models import Business, Service, StaffMember

ALL_WEEKDAYS = "0123456"  # Monday is 0, as datetime.weekday()


class EntryStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    BOOKED = "booked", _("Booked")
    LEFT = "left", _("Left the list")
    EXPIRED = "expired", _("Dates passed")


class OfferStatus(models.TextChoices):
    HELD = "held", _("Held")
    BOOKED = "booked", _("Booked")
    EXPIRED = "expired", _("Expired")
    LAPSED = "lapsed", _("Taken by someone else")


class WaitlistEntry(models.Model):
    Status = EntryStatus

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="waitlist_entries",
        verbose_name=_("customer"),
    )
    services = models.ManyToManyField(Service, related_name="+", verbose_name=_("services"))
    staff = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("with"),
    )
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("until"))
    weekdays = models.CharField(_("days of the week"), max_length=7, default=ALL_WEEKDAYS)
    earliest = models.TimeField(_("not before"))
    latest = models.TimeField(_("starting at the latest"))
    sms = models.BooleanField(_("also by SMS"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.WAITING
    )
    created_at = models.DateTimeField(_("joined"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist entries")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=F("first_day")), name="waitlist_days_in_order"
            ),
            models.CheckConstraint(
                condition=Q(latest__gte=F("earliest")), name="waitlist_times_in_order"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EntryStatus.values), name="waitlist_entry_status_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["business", "status", "created_at"], name="waitlist_bus_status_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Waitlist entry #{self.pk}"


class WaitlistOffer(models.Model):
    Status = OfferStatus

    entry = models.ForeignKey(WaitlistEntry, on_delete=models.CASCADE, related_name="offers")
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField(_("start"))
    blocked_until = models.DateTimeField(_("blocked until"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.HELD
    )
    created_at = models.DateTimeField(_("offered"))
    expires_at = models.DateTimeField(_("held until"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    booking = models.ForeignKey(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("waitlist offer")
        verbose_name_plural = _("waitlist offers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=Q(status="held"), name="waitlist_one_hold_per_entry"
            ),
            models.UniqueConstraint(
                fields=["staff", "start"],
                condition=Q(status="held"),
                name="waitlist_one_hold_per_time",
            ),
        ]
        indexes = [
            models.Index(fields=["business", "status"], name="waitlist_offer_bus_status_idx"),
        ]

    def __str__(self) -> str:
        return f"Waitlist offer #{self.pk}"
