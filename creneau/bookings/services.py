"""The one place where bookings are created, cancelled and moved.

The site, the back office and the API all call these functions. Locking follows
docs/locking.md: one transaction, lock what is used, re-check availability, write; the
database's overlap guard (see `overlap.py`) is the backstop, and losing a race is a
`SlotTaken`, never a server error.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.bookings.contacts import contact_notify
from creneau.bookings.errors import (
    BookingNotFound,
    DeadlinePassed,
    IdempotencyKeyReused,
    InvalidBooking,
    NotVerified,
    SlotTaken,
    SlotUnavailable,
)
from creneau.bookings.history import actor_of, booking_event_record, iso_utc
from creneau.bookings.locking import slot_locked, with_retries
from creneau.bookings.messages import (
    booking_notify_cancelled,
    booking_notify_created,
    booking_notify_rescheduled,
)
from creneau.bookings.models import (
    ACTIVE_STATUSES,
    ActorKind,
    Booking,
    BookingEventCode,
    BookingService,
    BookingStatus,
    SalonContact,
)
from creneau.catalog.freshness import public_pages_changed
from creneau.catalog.models import Business, Service, StaffMember
from creneau.catalog.permissions import SALON_MANAGE, booking_role, may


def _check_services(business: Business, services: Sequence[Service]) -> list[Service]:
    """The requested services, read again from the database (current prices and durations),
    in the order asked; all must be bookable at this salon."""
    if not services:
        raise InvalidBooking("Choose at least one service.")
    ids = [service.pk for service in services]
    if len(set(ids)) != len(ids):
        raise InvalidBooking("A service appears twice.")
    current = Service.objects.filter(pk__in=ids, business=business, is_active=True).in_bulk()
    if len(current) != len(ids):
        raise InvalidBooking("A service is not offered by this salon.")
    return [current[pk] for pk in ids]


def _check_start(business: Business, start: datetime, now: datetime) -> None:
    if timezone.is_naive(start):
        raise InvalidBooking("The start time must carry its time zone.")
    if start < now + timedelta(minutes=business.min_notice_minutes):
        raise SlotUnavailable()
    if start > now + timedelta(days=business.horizon_days):
        raise SlotUnavailable()


def _least_busy(business: Business, staff_ids: Sequence[int], start: datetime) -> int:
    """Of the free staff members, the one with the fewest bookings that local day."""
    tz = ZoneInfo(business.timezone)
    day = start.astimezone(tz).date()
    day_start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    counts = dict(
        StaffMember.objects.filter(pk__in=staff_ids)
        .annotate(
            n=Count(
                "bookings",
                filter=Q(
                    bookings__status__in=ACTIVE_STATUSES,
                    bookings__start__gte=day_start,
                    bookings__start__lt=day_start + timedelta(days=1),
                ),
            )
        )
        .values_list("pk", "n")
    )
    return min(staff_ids, key=lambda pk: (counts.get(pk, 0), pk))


def appointment_span(services: Sequence[Service], start: datetime) -> tuple[datetime, datetime]:
    """(end, blocked_until) of services done back to back from `start`: each service is
    followed by its buffer; the appointment ends before the last buffer, the staff member is
    busy until after it."""
    blocked_until = start + timedelta(
        minutes=sum(s.duration_minutes + s.buffer_minutes for s in services)
    )
    return blocked_until - timedelta(minutes=services[-1].buffer_minutes), blocked_until


def _is_verified(user: User) -> bool:
    return bool(
        EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


def booking_for_same_request(
    booking: Booking,
    *,
    business: Business,
    services: Sequence[Service],
    start: datetime,
    staff: StaffMember | None,
) -> Booking:
    """`booking`, found by an idempotency key, if it answers this very request; else
    IdempotencyKeyReused. The request is the salon, the start, the services in their order and
    the staff member; "anyone" (`staff=None`) matches whoever was given the booking."""
    same = (
        booking.business_id == business.pk
        and booking.start == start
        and [line.service_id for line in booking.lines.order_by("position")]
        == [service.pk for service in services]
        and (staff is None or booking.staff_id == staff.pk)
    )
    if not same:
        raise IdempotencyKeyReused()
    return booking


NOTE_MAX = 500


def booking_create(
    *,
    customer: User,
    business: Business,
    services: Sequence[Service],
    start: datetime,
    staff: StaffMember | None = None,
    source: str = Booking.Source.SITE,
    idempotency_key: str | None = None,
    via: str = "",
    note: str = "",
    now: datetime | None = None,
) -> Booking:
    """Book `services`, back to back from `start`, for a verified `customer`.

    `staff=None` means "anyone": the least busy free staff member that day is given the
    booking. The same `idempotency_key` from the same customer with the same request returns
    the booking already made instead of making a second one; with a different request it is
    refused (IdempotencyKeyReused). Raises NotVerified, InvalidBooking, SlotUnavailable
    (outside notice, horizon or hours) or SlotTaken (lost a race / already booked).
    `via` names the route the customer came by in the booking's history ("waitlist").
    `note` is what the customer wants the salon to know (at most 500 characters).
    """
    now = now or timezone.now()
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidBooking(_("A note for the salon holds at most 500 characters."))
    if not customer.is_active or not _is_verified(customer):
        raise NotVerified()
    services = _check_services(business, services)
    if staff is not None and (staff.business_id != business.pk or not staff.is_active):
        raise InvalidBooking("This staff member does not work at this salon.")
    if idempotency_key:
        existing = Booking.objects.filter(
            customer=customer, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return booking_for_same_request(
                existing, business=business, services=services, start=start, staff=staff
            )
    _check_start(business, start, now)

    def attempt() -> Booking:
        with slot_locked(
            business=business, services=services, start=start, staff=staff, now=now
        ) as free:
            booking = booking_insert(
                customer, business, services, start, staff, free, source, idempotency_key
            )
            if note:
                booking.customer_note = note
                booking.save(update_fields=["customer_note"])
            booking_event_record(
                booking=booking,
                code=BookingEventCode.CREATED,
                actor_kind=ActorKind.CUSTOMER,
                actor=customer,
                now=now,
                data=created_data(booking, via=via),
            )
            # Messages go to the outbox in this transaction: they exist if the booking does.
            booking_notify_created(booking=booking, now=now)
            return booking

    try:
        return with_retries(attempt)
    except IntegrityError:
        # Either the same idempotency key won a concurrent race (return that booking) or the
        # database's overlap guard refused the insert (the slot was taken meanwhile).
        if idempotency_key:
            existing = Booking.objects.filter(
                customer=customer, idempotency_key=idempotency_key
            ).first()
            if existing is not None:
                return booking_for_same_request(
                    existing, business=business, services=services, start=start, staff=staff
                )
        raise SlotTaken() from None


def created_data(booking: Booking, *, via: str = "") -> dict[str, object]:
    """The details of a creation in the booking's history: the time and staff member booked."""
    data: dict[str, object] = {"to": iso_utc(booking.start), "staff_to": booking.staff_id}
    if via:
        data["via"] = via
    return data


def booking_insert(
    customer: User | None,
    business: Business,
    services: list[Service],
    start: datetime,
    staff: StaffMember | None,
    free: Sequence[int],
    source: str,
    idempotency_key: str | None,
    *,
    contact: SalonContact | None = None,
) -> Booking:
    """Insert the booking and its lines; call inside `locking.slot_locked`, which gives `free`
    (the staff members free at `start`). The booking is for `customer` or, booked by the salon,
    for `contact`; "anyone" (`staff=None`) goes to the least busy of `free`."""
    staff_id = staff.pk if staff is not None else _least_busy(business, free, start)

    end, blocked_until = appointment_span(services, start)
    booking = Booking.objects.create(
        business=business,
        customer=customer,
        contact=contact,
        staff_id=staff_id,
        start=start,
        end=end,
        blocked_until=blocked_until,
        status=BookingStatus.CONFIRMED,
        source=source,
        total_price=sum((s.price for s in services), start=0),
        idempotency_key=idempotency_key or "",
    )
    BookingService.objects.bulk_create(
        BookingService(
            booking=booking,
            service=service,
            position=position,
            name=service.name,
            duration_minutes=service.duration_minutes,
            buffer_minutes=service.buffer_minutes,
            price=service.price,
        )
        for position, service in enumerate(services)
    )
    return booking


def booking_cancel(*, booking: Booking, actor: User, now: datetime | None = None) -> Booking:
    """Cancel a confirmed booking. The customer may do so until the salon's deadline; the
    salon's owner, managers and the booked staff member at any time. Anyone else gets
    BookingNotFound (the booking's existence is not revealed)."""
    now = now or timezone.now()
    role = booking_role(actor=actor, booking=booking)
    if role is None:
        raise BookingNotFound()
    if booking.status != BookingStatus.CONFIRMED:
        raise InvalidBooking("This booking is not active any more.")
    if role == "customer" and now > booking.change_deadline():
        raise DeadlinePassed()
    status = (
        BookingStatus.CANCELLED_BY_CUSTOMER
        if role == "customer"
        else BookingStatus.CANCELLED_BY_BUSINESS
    )
    with transaction.atomic():
        # Compare-and-set: of two concurrent cancellations only one changes the row.
        changed = Booking.objects.filter(pk=booking.pk, status=BookingStatus.CONFIRMED).update(
            status=status, cancelled_at=now, updated_at=now
        )
        if not changed:
            raise InvalidBooking("This booking is not active any more.")
        public_pages_changed(business_id=booking.business_id)
        kind, staff_id = actor_of(actor=actor, booking=booking, role=role)
        booking_event_record(
            booking=booking,
            code=BookingEventCode.CANCELLED,
            actor_kind=kind,
            actor=actor,
            staff_id=staff_id,
            now=now,
            data={"from": iso_utc(booking.start)},
        )
        booking.refresh_from_db()
        # Messages go to the outbox in this transaction: they exist if the cancellation does.
        booking_notify_cancelled(booking=booking, by=role, now=now)
        contact_notify(booking=booking, event="cancelled", now=now)
    return booking


def booking_reschedule(
    *,
    booking: Booking,
    actor: User,
    start: datetime,
    staff: StaffMember | None = None,
    now: datetime | None = None,
) -> Booking:
    """Move a confirmed booking to `start` (same services), with `staff` or anyone free.

    One UPDATE of the booking's row inside the transaction: the new time is held in the same
    statement that frees the old one, so the customer never ends up with neither.
    """
    now = now or timezone.now()
    role = booking_role(actor=actor, booking=booking)
    if role is None:
        raise BookingNotFound()
    if booking.status != BookingStatus.CONFIRMED:
        raise InvalidBooking("This booking is not active any more.")
    if role == "customer" and now > booking.change_deadline():
        raise DeadlinePassed()
    business = booking.business
    if staff is not None and (staff.business_id != business.pk or not staff.is_active):
        raise InvalidBooking("This staff member does not work at this salon.")
    if role == "business" and not may(actor, SALON_MANAGE, business):
        # A plain staff member moves their own bookings within their own agenda only.
        if staff is not None and staff.pk != booking.staff_id:
            raise InvalidBooking("You can only move a booking within your own agenda.")
        staff = booking.staff
    _check_start(business, start, now)
    lines = list(booking.lines.select_related("service").order_by("position"))
    services = [line.service for line in lines if line.service is not None]
    if len(services) < len(lines):
        raise InvalidBooking("A service of this booking is no longer offered.")

    def attempt() -> Booking:
        with slot_locked(
            business=business,
            services=services,
            start=start,
            staff=staff,
            now=now,
            exclude_booking_id=booking.pk,
        ) as free:
            if staff is not None:
                staff_id = staff.pk
            elif booking.staff_id in free:
                staff_id = booking.staff_id  # keep the same person when they are free
            else:
                staff_id = _least_busy(business, free, start)
            previous_start, previous_staff_id = booking.start, booking.staff_id
            duration = booking.end - booking.start
            blocked = booking.blocked_until - booking.start
            changed = Booking.objects.filter(pk=booking.pk, status=BookingStatus.CONFIRMED).update(
                staff_id=staff_id,
                start=start,
                end=start + duration,
                blocked_until=start + blocked,
                updated_at=now,
            )
            if not changed:
                raise InvalidBooking("This booking is not active any more.")
            public_pages_changed(business_id=booking.business_id)
            booking.refresh_from_db()
            kind, actor_staff_id = actor_of(actor=actor, booking=booking, role=role)
            booking_event_record(
                booking=booking,
                code=BookingEventCode.MOVED,
                actor_kind=kind,
                actor=actor,
                staff_id=actor_staff_id,
                now=now,
                data={
                    "from": iso_utc(previous_start),
                    "to": iso_utc(booking.start),
                    "staff_from": previous_staff_id,
                    "staff_to": booking.staff_id,
                },
            )
            # Messages go to the outbox in this transaction: they exist if the move does.
            booking_notify_rescheduled(
                booking=booking, previous_start=previous_start, by=role, now=now
            )
            contact_notify(booking=booking, event="rescheduled", now=now)
            return booking

    try:
        return with_retries(attempt)
    except IntegrityError:
        raise SlotTaken() from None
