"""Bookings: one appointment of a customer with one staff member, for one or more services.

A booking blocks its staff member from `start` to `blocked_until` (its end plus the buffer of
its last service). The database itself forbids two active bookings of one staff member whose
blocked ranges overlap: see `creneau.bookings.overlap` and docs/locking.md.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

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


class SalonContact(models.Model):
    """Someone a salon booked without a Créneau account: a phone call or a walk-in.

    Entered by the salon (`created_by`), it belongs to that salon alone and is personal data
    like an account: declared in the privacy registry (`bookings/privacy.py`), exported and
    erased by `creneau.bookings.contacts`. Erasure blanks the identity and keeps the row, so
    the bookings the law makes us keep still point at "someone" without saying who.
    """

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("created"))
    privacy_notice_sent_at = models.DateTimeField(
        _("privacy notice sent"), null=True, blank=True, editable=False
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("salon contact")
        verbose_name_plural = _("salon contacts")
        ordering = ["business", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | Q(erased_at__isnull=False),
                name="bookings_contact_name_not_empty",
                violation_error_message=_("A contact needs a name."),
            ),
        ]
        indexes = [models.Index(fields=["business", "name"], name="bookings_contact_bus_name_idx")]

    def __str__(self) -> str:
        return f"Contact #{self.pk}"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


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
    # A booking the salon entered for someone without an account; never set together with
    # `customer`. Contacts are pseudonymised, not deleted, hence PROTECT.
    contact = models.ForeignKey(
        SalonContact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("contact"),
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
    customer_note = models.TextField(
        _("note for the salon"),
        max_length=500,
        blank=True,
        default="",
        help_text=_("Written by the customer when booking; shown to the salon."),
    )
    # Erasure of the customer: the link to them is cut and the booking kept for accounting
    # until `retain_until`, when the retention job deletes it.
    pseudonymised_at = models.DateTimeField(_("pseudonymised"), null=True, blank=True)
    retain_until = models.DateTimeField(_("kept until"), null=True, blank=True)
    # The outbox's messages about this booking (no column: the outbox points here through its
    # generic `about`). Deleting a booking deletes them; `booking__...` lookups from
    # OutboundMessage work through the related_query_name.
    outbound_messages = GenericRelation(
        "notifications.OutboundMessage",
        content_type_field="about_type",
        object_id_field="about_id",
        related_query_name="booking",
    )

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
            # The salon's own form keys: unique per salon, since a new walk-in contact has no
            # row to be unique with until the booking is made.
            models.UniqueConstraint(
                fields=["business", "idempotency_key"],
                condition=~Q(idempotency_key="") & Q(source="backoffice"),
                name="bookings_salon_idempotency_key_unique",
            ),
            # A booking is for an account or for a salon's contact, never both. "At least one"
            # holds when a booking is made (`booking_create*` require it) but cannot be a CHECK:
            # erasing an account sets `customer` to NULL on the bookings kept for accounting.
            models.CheckConstraint(
                condition=Q(customer__isnull=True) | Q(contact__isnull=True),
                name="bookings_customer_or_contact",
            ),
            # A contact is only ever booked by the salon.
            models.CheckConstraint(
                condition=Q(contact__isnull=True) | Q(source="backoffice"),
                name="bookings_contact_only_from_salon",
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

    def salon_status_label(self) -> str:
        """The status as the salon reads it: the statuses' labels speak to the customer
        ("Cancelled by you"); the salon is told who cancelled."""
        if self.status == BookingStatus.CANCELLED_BY_CUSTOMER:
            return str(_("Cancelled by the customer"))
        return str(self.get_status_display())

    def history_for_customer(self) -> list[Any]:
        """The booking's history as its customer reads it (`bookings.history`), for the
        customer's booking page."""
        from creneau.bookings.history import booking_history

        return booking_history(booking=self, for_customer=True)

    def is_changeable_by_customer(self, now: datetime) -> bool:
        return self.status == BookingStatus.CONFIRMED and now <= self.change_deadline()

    def person_name(self) -> str:
        """The name the salon knows this booking by: the account's or the contact's."""
        if self.customer is not None:
            return self.customer.get_full_name()
        if self.contact is not None:
            return self.contact.name
        return ""


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


class CustomerNote(models.Model):
    """A salon's private note about one of its customers (account or contact).

    Seen by the salon's team only (never by the customer's other salons), exported to the
    customer with their data, deleted when they are erased.
    """

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="salon_notes",
    )
    contact = models.ForeignKey(
        SalonContact, on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    text = models.TextField(_("note"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("customer note")
        verbose_name_plural = _("customer notes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(customer__isnull=False, contact__isnull=True)
                | Q(customer__isnull=True, contact__isnull=False),
                name="bookings_note_one_subject",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="bookings_note_not_empty"),
        ]
        indexes = [
            models.Index(fields=["business", "customer"], name="bookings_note_bus_cust_idx"),
            models.Index(fields=["business", "contact"], name="bookings_note_bus_contact_idx"),
        ]

    def __str__(self) -> str:
        return f"Note #{self.pk}"


REMINDER_HOURS_CHOICES = [
    (2, _("2 hours before")),
    (24, _("the day before (24 hours)")),
    (48, _("two days before (48 hours)")),
]


class NotificationPreference(models.Model):
    """How a customer wants to be reminded. Without a row: e-mail yes, SMS no.

    Created by the notifications app; its table keeps that app's name.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    email_reminders = models.BooleanField(_("reminders by e-mail"), default=True)
    sms_reminders = models.BooleanField(_("reminders by SMS"), default=False)
    # How long before the appointment; empty: when the salon chose (`Business.reminder_hours`).
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder, hours before"), null=True, blank=True, choices=REMINDER_HOURS_CHOICES
    )

    class Meta:
        db_table = "notifications_notificationpreference"
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"Preferences of user #{self.user_id}"


class BookingReminder(models.Model):
    """A reminder was queued for this booking at this start time: at most one ever.

    Keyed by the start as well, so a booking moved after its reminder is reminded of its new
    time once too. Created by the notifications app; its table keeps that app's name.
    """

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    start = models.DateTimeField(_("appointment start"))
    queued_at = models.DateTimeField(_("queued"))

    class Meta:
        db_table = "notifications_bookingreminder"
        verbose_name = _("booking reminder")
        verbose_name_plural = _("booking reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "start"], name="notifications_one_reminder_per_start"
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder for booking #{self.booking_id}"


class RecentlyViewedSalon(models.Model):
    """A salon page a customer looked at, kept only while they allow personalisation
    (`bookings.personalisation`). Its table keeps the name it had in the privacy app."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recently_viewed_salons"
    )
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+")
    viewed_at = models.DateTimeField()

    class Meta:
        db_table = "privacy_recentlyviewedsalon"
        ordering = ["-viewed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "business"], name="privacy_viewed_once")
        ]

    def __str__(self) -> str:
        return f"Salon #{self.business_id} viewed by user #{self.user_id}"


class DayPeriod(models.TextChoices):
    """Times of day a visitor can ask for, by the local start time of a slot."""

    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


class AvailabilitySummary(models.Model):
    """A salon's first free starts on one local day and time of day, for the search results.

    Worked out ahead by `bookings.summary` for the salon's reference service (its shortest
    bookable one, with anyone), so a results page reads a row instead of running the engine
    per salon. Only a hint: the slot page and the booking compute and re-check for real.
    """

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    # Which service the row is for: "" for the salon's reference service, else one of the
    # usual services of the search's service filter (catalog.lexicon.USUAL_SERVICES), worked
    # out for the salon's own service of that name.
    service_key = models.CharField(_("service filter"), max_length=40, blank=True, default="")
    day = models.DateField(_("day"))
    period = models.CharField(_("time of day"), max_length=10, choices=DayPeriod.choices)
    first_start = models.DateTimeField(_("first free start"))
    starts = models.JSONField(_("first free starts"), default=list)  # ISO UTC, at most three
    free_count = models.PositiveIntegerField(_("free starts"))

    class Meta:
        verbose_name = _("availability summary")
        verbose_name_plural = _("availability summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["business", "service_key", "day", "period"],
                name="bookings_summary_key_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["service_key", "day", "period", "business"], name="bookings_summary_key_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.business_id} {self.day} {self.period}"


class AvailabilitySummaryState(models.Model):
    """When a salon's summary was worked out, and for which `public_version` of the salon."""

    business = models.OneToOneField(
        Business, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.PositiveBigIntegerField(_("salon version"))
    computed_at = models.DateTimeField(_("computed at"))

    def __str__(self) -> str:
        return f"{self.business_id} v{self.version}"


class BookingEventCode(models.TextChoices):
    """What happened to a booking; the codes are listed and explained in docs/audit.md."""

    CREATED = "booking.created", _("Booked")
    MOVED = "booking.moved", _("Moved")
    CANCELLED = "booking.cancelled", _("Cancelled")
    COMPLETED = "booking.completed", _("Marked as honoured")
    NO_SHOW = "booking.no_show", _("Marked as no-show")
    NOTE = "booking.note", _("Note")


class ActorKind(models.TextChoices):
    """Who did it: the booking's customer, someone of the salon's team, the operator's staff,
    or the platform itself (an erasure, a retention run, the clock)."""

    CUSTOMER = "customer", _("the customer")
    SALON = "salon", _("the salon")
    PLATFORM = "platform", _("platform staff")
    SYSTEM = "system", _("the system")


class BookingEvent(models.Model):
    """One line of a booking's history, written by the domain function that made the change,
    in its transaction: the line exists if and only if the change happened.

    `data` holds times and ids only (`from`/`to` ISO UTC starts, `staff_from`/`staff_to`,
    `via`, `outcome_from`); the only free text is a salon's `note`, which the customer does not
    see. Deleted with the booking; erasure unlinks the person (see `bookings/privacy.py`).
    """

    Code = BookingEventCode
    Actor = ActorKind

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    code = models.CharField(_("event"), max_length=32, choices=BookingEventCode.choices)
    actor_kind = models.CharField(_("by"), max_length=12, choices=ActorKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    # The team member who acted, for the salon's actions: shown by their display name.
    staff = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    at = models.DateTimeField(_("when"))
    data = models.JSONField(_("details"), default=dict, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True, default="")

    class Meta:
        verbose_name = _("booking event")
        verbose_name_plural = _("booking events")
        ordering = ["booking", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__in=BookingEventCode.values), name="bookings_event_code_valid"
            ),
            models.CheckConstraint(
                condition=Q(actor_kind__in=ActorKind.values), name="bookings_event_actor_valid"
            ),
        ]
        indexes = [models.Index(fields=["booking", "at"], name="bookings_event_booking_at_idx")]

    def __str__(self) -> str:
        return f"{self.code} of booking #{self.booking_id}"


class StaffCalendarFeed(models.Model):
    """A team member's private calendar address (`bookings.feed`): their own agenda, read by
    Google Calendar, Apple Calendar or Outlook without logging in.

    Only a SHA-256 of the secret token is kept: the address is shown once, when it is made;
    making a new one replaces the hash, so the old address stops working (docs/security.md).
    """

    staff = models.OneToOneField(
        StaffMember, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("staff calendar feed")
        verbose_name_plural = _("staff calendar feeds")

    def __str__(self) -> str:
        return f"Calendar feed of staff member #{self.staff_id}"


class AvailabilitySummaryChange(models.Model):
    """A booking of a salon saved since its summary was worked out, by its start.

    Written in the booking's own transaction (bookings.apps), read and removed by the clock
    (bookings.summary): when every change of the salon's `public_version` since the summary is
    one of these, only their days are worked out again."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField(_("start"))

    class Meta:
        verbose_name = _("availability change")
        verbose_name_plural = _("availability changes")

    def __str__(self) -> str:
        return f"{self.business_id} {self.start:%Y-%m-%d}"
