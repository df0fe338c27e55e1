"""The waitlist's rules: joining, leaving, offering freed times in join order, booking one.

Offers are made by `waitlist_offers_make`, called after any commit that may have freed time
at the salon (the catalog's `availability_changed_listen` hook, through a task) and by the
clock every minute (robust to a missed hook). It runs in one transaction per salon that first
locks the salon's waiting entries (PostgreSQL; SQLite's IMMEDIATE transactions already
serialise writers), so two runs at once cannot offer one time twice; the database's partial
unique constraints (one held offer per entry, one per staff member and start) are the
backstop. For each waiting entry in join order it finds the earliest free start that matches
the entry and overlaps no held offer, and holds it for `WAITLIST_HOLD_MINUTES`.

Accepting an offer books through `bookings.services.booking_create`, with an idempotency key
of the offer: no double booking, and the same link clicked twice books once.
"""

from __future__ import annotations

import logging
import secrets
import time as _time
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, TypedDict, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.bookings.availability import availability_for
from creneau.bookings.errors import SlotTaken, SlotUnavailable
from creneau.bookings.models import ACTIVE_STATUSES, Booking, BookingStatus
from creneau.bookings.services import appointment_span, booking_create
from creneau.catalog.models import Business, Service, StaffMember
from creneau.notifications.models import Channel
from creneau.notifications.outbox import language_of, message_enqueue
from creneau.waitlist.errors import EntryNotFound, InvalidEntry, OfferExpired, OfferTaken
from creneau.waitlist.models import (
    ALL_WEEKDAYS,
    EntryStatus,
    OfferStatus,
    WaitlistEntry,
    WaitlistOffer,
)

logger = logging.getLogger("creneau.waitlist")

T = TypeVar("T")
MAX_WAITING_PER_SALON = 5
MAX_DAYS = 60
_ATTEMPTS = 5


def hold_duration() -> timedelta:
    return timedelta(minutes=settings.WAITLIST_HOLD_MINUTES)


def _retrying(operation: Callable[[], T]) -> T:
    """Run again when another run of the same salon won (a unique hold) or the database asks."""
    for attempt in range(_ATTEMPTS):
        try:
            return operation()
        except (IntegrityError, OperationalError) as error:
            if isinstance(error, OperationalError):
                pgcode = getattr(getattr(error, "__cause__", None), "sqlstate", None)
                if pgcode not in {"40P01", "40001", "55P03"} and "locked" not in str(error):
                    raise
            if attempt == _ATTEMPTS - 1:
                raise
            _time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


# --- Joining and leaving ----------------------------------------------------------------------


def waitlist_join(
    *,
    customer: User,
    business: Business,
    services: Sequence[Service],
    first_day: date,
    last_day: date,
    staff: StaffMember | None = None,
    weekdays: str = ALL_WEEKDAYS,
    earliest: time = time(0, 0),
    latest: time = time(23, 59),
    sms: bool = False,
    now: datetime | None = None,
) -> WaitlistEntry:
    """Put `customer` on the salon's waitlist for `services` done back to back, optionally
    with `staff`, on `weekdays` ("5" for Saturdays) between `first_day` and `last_day`, with a
    start between `earliest` and `latest` (the salon's local time). Raises InvalidEntry."""
    now = now or timezone.now()
    if not customer.is_active:
        raise InvalidEntry(_("Log in to join a waitlist."))
    ids = [service.pk for service in services]
    if not ids or len(set(ids)) != len(ids):
        raise InvalidEntry(_("Choose the services you are waiting for."))
    current = list(Service.objects.filter(pk__in=ids, business=business, is_active=True))
    if len(current) != len(ids):
        raise InvalidEntry(_("A service is not offered by this salon."))
    if staff is not None and (staff.business_id != business.pk or not staff.is_active):
        raise InvalidEntry(_("This staff member does not work at this salon."))
    today = now.astimezone(ZoneInfo(business.timezone)).date()
    horizon = today + timedelta(days=min(business.horizon_days, MAX_DAYS))
    if first_day > last_day or last_day < today:
        raise InvalidEntry(_("Choose a range of days that has not passed yet."))
    if first_day > horizon:
        raise InvalidEntry(_("This salon does not take bookings that far ahead."))
    weekdays = "".join(sorted(set(weekdays or "")))
    if not weekdays or any(day not in ALL_WEEKDAYS for day in weekdays):
        raise InvalidEntry(_("Choose at least one day of the week."))
    if latest < earliest:
        raise InvalidEntry(_("The latest start must come after the earliest."))
    waiting = WaitlistEntry.objects.filter(
        customer=customer, business=business, status=EntryStatus.WAITING
    ).count()
    if waiting >= MAX_WAITING_PER_SALON:
        raise InvalidEntry(_("You are already waiting for five choices at this salon."))
    with transaction.atomic():
        entry = WaitlistEntry.objects.create(
            business=business,
            customer=customer,
            staff=staff,
            first_day=max(first_day, today),
            last_day=min(last_day, horizon),
            weekdays=weekdays,
            earliest=earliest,
            latest=latest,
            sms=sms,
            created_at=now,
        )
        entry.services.set(current)
        # A time that matches may be free already: it is offered at once.
        transaction.on_commit(lambda: waitlist_salon_changed(business.pk), robust=True)
    return entry


def waitlist_leave(*, entry: WaitlistEntry, customer: User, now: datetime | None = None) -> None:
    """The customer leaves the list; a time held for them passes to the next person."""
    now = now or timezone.now()
    if entry.customer_id != customer.pk:
        raise EntryNotFound()
    with transaction.atomic():
        WaitlistEntry.objects.filter(pk=entry.pk, status=EntryStatus.WAITING).update(
            status=EntryStatus.LEFT, ended_at=now
        )
        released = WaitlistOffer.objects.filter(entry=entry, status=OfferStatus.HELD).update(
            status=OfferStatus.EXPIRED, decided_at=now
        )
        if released:
            transaction.on_commit(lambda: waitlist_salon_changed(entry.business_id), robust=True)


# --- Offering ------------------------------------------------------------------------------


def _ordered_services(entry: WaitlistEntry) -> list[Service]:
    # Done back to back in the order of the salon's price list.
    return sorted(entry.services.all(), key=lambda s: (s.position, s.pk))


def _first_match(
    entry: WaitlistEntry,
    business: Business,
    held: dict[int, list[tuple[datetime, datetime]]],
    now: datetime,
) -> tuple[int, datetime, datetime] | None:
    """(staff id, start, blocked until) of the earliest free time matching `entry` that
    overlaps no held offer and was not offered to this entry before; None if there is none."""
    services = _ordered_services(entry)
    if not services or any(not s.is_active for s in services):
        return None
    tz = ZoneInfo(business.timezone)
    today = now.astimezone(tz).date()
    first = max(entry.first_day, today)
    if first > entry.last_day:
        return None
    availability = availability_for(
        business=business,
        services=services,
        start_date=first,
        end_date=entry.last_day,
        now=now,
        staff=entry.staff,
    )
    refused = set(
        WaitlistOffer.objects.filter(entry=entry)
        .exclude(status=OfferStatus.HELD)
        .values_list("staff_id", "start")
    )
    for start, staff_ids in availability.slots:
        local = start.astimezone(tz)
        if str(local.weekday()) not in entry.weekdays:
            continue
        if not entry.earliest <= local.time().replace(second=0, microsecond=0) <= entry.latest:
            continue
        _end, blocked_until = appointment_span(services, start)
        for staff_id in staff_ids:
            if (staff_id, start) in refused:
                continue
            if any(s < blocked_until and start < e for s, e in held.get(staff_id, [])):
                continue
            return staff_id, start, blocked_until
    return None


def _lock_salon_waitlist(business: Business) -> None:
    """Serialise the offer runs of one salon. SQLite: the IMMEDIATE transaction already holds
    the write lock. PostgreSQL: lock the salon's waiting entries, in id order."""
    if connection.vendor == "postgresql":
        list(
            WaitlistEntry.objects.select_for_update()
            .filter(business=business, status=EntryStatus.WAITING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def _end_entries(business: Business, now: datetime) -> None:
    """Entries whose dates passed expire; a customer who booked what they waited for at this
    salon by any other route leaves the list."""
    today = now.astimezone(ZoneInfo(business.timezone)).date()
    WaitlistEntry.objects.filter(
        business=business, status=EntryStatus.WAITING, last_day__lt=today
    ).update(status=EntryStatus.EXPIRED, ended_at=now)
    for entry in WaitlistEntry.objects.filter(
        business=business, status=EntryStatus.WAITING
    ).prefetch_related("services"):
        booked = Booking.objects.filter(
            business=business,
            customer_id=entry.customer_id,
            status=BookingStatus.CONFIRMED,
            created_at__gte=entry.created_at,
            start__gt=now,
            lines__service__in=[s.pk for s in entry.services.all()],
        ).exists()
        if booked:
            WaitlistEntry.objects.filter(pk=entry.pk, status=EntryStatus.WAITING).update(
                status=EntryStatus.BOOKED, ended_at=now
            )
            WaitlistOffer.objects.filter(entry=entry, status=OfferStatus.HELD).update(
                status=OfferStatus.EXPIRED, decided_at=now
            )


def waitlist_offers_make(*, business: Business, now: datetime | None = None) -> int:
    """Expire holds past their time, end entries whose dates passed, then offer each waiting
    entry, in join order, the earliest free matching time nobody holds. Returns how many
    offers were made. Idempotent: run it as often as you like."""
    now = now or timezone.now()

    def attempt() -> list[WaitlistOffer]:
        with transaction.atomic():
            _lock_salon_waitlist(business)
            WaitlistOffer.objects.filter(
                business=business, status=OfferStatus.HELD, expires_at__lte=now
            ).update(status=OfferStatus.EXPIRED, decided_at=now)
            # A held time someone booked through the normal flow is gone: the hold lapses, so
            # its waiter can be offered another time at once rather than after the deadline.
            WaitlistOffer.objects.filter(business=business, status=OfferStatus.HELD).filter(
                Exists(
                    Booking.objects.filter(
                        staff_id=OuterRef("staff_id"),
                        status__in=ACTIVE_STATUSES,
                        start__lt=OuterRef("blocked_until"),
                        blocked_until__gt=OuterRef("start"),
                    )
                )
            ).update(status=OfferStatus.LAPSED, decided_at=now)
            _end_entries(business, now)
            held: dict[int, list[tuple[datetime, datetime]]] = {}
            holders = set()
            for offer in WaitlistOffer.objects.filter(business=business, status=OfferStatus.HELD):
                held.setdefault(offer.staff_id, []).append((offer.start, offer.blocked_until))
                holders.add(offer.entry_id)
            made = []
            entries = (
                WaitlistEntry.objects.filter(business=business, status=EntryStatus.WAITING)
                .exclude(pk__in=holders)
                .select_related("customer", "staff")
                .prefetch_related("services")
                .order_by("created_at", "pk")
            )
            for entry in entries:
                match = _first_match(entry, business, held, now)
                if match is None:
                    continue
                staff_id, start, blocked_until = match
                offer = WaitlistOffer.objects.create(
                    entry=entry,
                    business=business,
                    staff_id=staff_id,
                    start=start,
                    blocked_until=blocked_until,
                    token=secrets.token_urlsafe(24),
                    created_at=now,
                    expires_at=now + hold_duration(),
                )
                held.setdefault(staff_id, []).append((start, blocked_until))
                _tell_of_offer(offer, entry, business, now)
                made.append(offer)
            return made

    made = _retrying(attempt)
    if made:
        logger.info("waitlist: %s offers made", len(made))
    return len(made)


class _OfferMessage(TypedDict):
    """What the e-mail and the SMS of an offer share (`message_enqueue`'s keywords)."""

    language: str
    context: dict[str, Any]
    time_zone: str
    user: User
    now: datetime


def _tell_of_offer(
    offer: WaitlistOffer, entry: WaitlistEntry, business: Business, now: datetime
) -> None:
    customer = entry.customer
    context = {
        "recipient_name": customer.first_name,
        "business": {
            "name": business.name,
            "address": business.address,
            "postcode": business.postcode,
            "city": business.city,
        },
        "start": offer.start,
        "expires_at": offer.expires_at,
        "services": ", ".join(s.name for s in _ordered_services(entry)),
        "staff_name": StaffMember.objects.filter(pk=offer.staff_id)
        .values_list("display_name", flat=True)
        .first(),
        "offer_url": settings.SITE_URL
        + reverse("waitlist_web:offer", kwargs={"token": offer.token}),
    }
    common: _OfferMessage = {
        "language": language_of(customer),
        "context": context,
        "time_zone": business.timezone,
        "user": customer,
        "now": now,
    }
    if customer.email:
        message_enqueue(template="waitlist_offer", to_address=customer.email, **common)
    if entry.sms and customer.phone:
        message_enqueue(
            template="waitlist_offer",
            channel=Channel.SMS,
            to_address=str(customer.phone),
            **common,
        )


# --- Accepting ------------------------------------------------------------------------------


def offer_for(*, token: str, customer: User) -> WaitlistOffer:
    """The offer behind a link, for the customer it was made to; EntryNotFound otherwise."""
    offer = (
        WaitlistOffer.objects.filter(token=token, entry__customer=customer)
        .select_related("entry", "business", "staff", "booking")
        .first()
    )
    if offer is None:
        raise EntryNotFound()
    return offer


def waitlist_offer_accept(*, token: str, customer: User, now: datetime | None = None) -> Booking:
    """Book the time held by offer `token` for `customer`.

    The same offer accepted twice returns the same booking. An offer past its hold (or passed
    on) raises OfferExpired; a time someone else booked meanwhile raises OfferTaken (the offer
    lapses and the customer stays on the list)."""
    now = now or timezone.now()
    offer = offer_for(token=token, customer=customer)
    key = f"waitlist-offer-{offer.pk}"
    # Booked already (a second click, a retried call): the same booking, whatever a run of
    # the salon's waitlist has meanwhile written on the offer.
    booked = Booking.objects.filter(customer=customer, idempotency_key=key).first()
    if booked is not None:
        _offer_booked(offer, booked, now)
        return booked
    if offer.status != OfferStatus.HELD or now >= offer.expires_at:
        raise OfferExpired()
    entry = offer.entry
    try:
        booking = booking_create(
            customer=customer,
            business=offer.business,
            services=_ordered_services(entry),
            start=offer.start,
            staff=offer.staff,
            idempotency_key=key,
            via="waitlist",
            now=now,
        )
    except (SlotTaken, SlotUnavailable):
        if WaitlistOffer.objects.filter(pk=offer.pk, status=OfferStatus.HELD).update(
            status=OfferStatus.LAPSED, decided_at=now
        ):
            transaction.on_commit(lambda: waitlist_salon_changed(offer.business_id), robust=True)
        raise OfferTaken() from None
    _offer_booked(offer, booking, now)
    return booking


def _offer_booked(offer: WaitlistOffer, booking: Booking, now: datetime) -> None:
    with transaction.atomic():
        WaitlistOffer.objects.filter(pk=offer.pk).exclude(status=OfferStatus.BOOKED).update(
            status=OfferStatus.BOOKED, decided_at=now, booking=booking
        )
        WaitlistEntry.objects.filter(pk=offer.entry_id).exclude(status=EntryStatus.BOOKED).update(
            status=EntryStatus.BOOKED, ended_at=now
        )


# --- Hooks ---------------------------------------------------------------------------------


def waitlist_salon_changed(business_id: int) -> None:
    """The catalog's availability hook: queue a run for the salon if anyone waits there."""
    from creneau.waitlist.tasks import waitlist_check

    if WaitlistEntry.objects.filter(business_id=business_id, status=EntryStatus.WAITING).exists():
        waitlist_check.enqueue(business_id)


def waitlist_tick(*, now: datetime) -> int:
    """The clock's job: every salon with someone waiting or a hold to expire gets a run."""
    ids = set(
        WaitlistEntry.objects.filter(status=EntryStatus.WAITING).values_list(
            "business_id", flat=True
        )
    ) | set(
        WaitlistOffer.objects.filter(status=OfferStatus.HELD).values_list("business_id", flat=True)
    )
    made = 0
    for business in Business.objects.filter(pk__in=ids).order_by("pk"):
        try:
            made += waitlist_offers_make(business=business, now=now)
        except Exception:
            logger.exception("waitlist run failed for a salon")
    return made
