"""What a salon's team does with bookings and customers: book by phone or for a walk-in, mark
the outcome, keep private notes, open a customer's file.

Every function authorises its actor here (`creneau.catalog.permissions`), whatever the interface
checked before. Bookings are made through the same locked path as the customers'
(`locking.slot_locked`, docs/locking.md), and their messages through the same hooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.bookings.availability import availability_for
from creneau.bookings.contacts import contact_notify
from creneau.bookings.errors import (
    IdempotencyKeyReused,
    InvalidBooking,
    SlotTaken,
    SlotUnavailable,
)
from creneau.bookings.history import booking_event_record
from creneau.bookings.locking import slot_locked, with_retries
from creneau.bookings.messages import booking_notify_created
from creneau.bookings.models import (
    ActorKind,
    Booking,
    BookingEventCode,
    BookingStatus,
    CustomerNote,
    SalonContact,
)
from creneau.bookings.services import (
    _check_services,
    booking_for_same_request,
    booking_insert,
    created_data,
)
from creneau.catalog.models import Business, Service, StaffMember
from creneau.catalog.permissions import Membership, NotFound, membership_required
from creneau.privacy.audit import audit_record
from creneau.privacy.restriction import processing_restricted

OUTCOMES = (BookingStatus.COMPLETED, BookingStatus.NO_SHOW)


@dataclass(frozen=True)
class NewContact:
    """A walk-in or phone contact to create with the booking: name and phone, e-mail optional."""

    name: str
    phone: str
    email: str = ""


# --- Who the team may see ----------------------------------------------------------------------


def _bookings_visible_to(membership: Membership) -> QuerySet[Booking]:
    """The salon's bookings the member may see: all for owners and managers, their own for
    staff."""
    bookings = Booking.objects.filter(business_id=membership.business_id)
    if not membership.is_manager:
        bookings = bookings.filter(staff_id=membership.staff_id)
    return bookings


def customer_visible(
    membership: Membership, *, customer: User | None = None, contact: SalonContact | None = None
) -> bool:
    """Whether the member may see this account or contact: a customer of the salon (who booked
    there), and for plain staff one of their own bookings' customers. A contact also counts
    once entered by the salon, for owners and managers."""
    if contact is not None:
        if contact.business_id != membership.business_id or contact.is_erased:
            return False
        if membership.is_manager:
            return True
        return _bookings_visible_to(membership).filter(contact=contact).exists()
    if customer is not None:
        return _bookings_visible_to(membership).filter(customer=customer).exists()
    return False


def booking_for_member(*, actor: User, business: Business, reference: str) -> Booking:
    """The salon's booking with this reference, if the actor may see it; NotFound otherwise
    (another salon's booking and a colleague's, for plain staff, are not revealed)."""
    membership = membership_required(actor=actor, business=business)
    booking = (
        _bookings_visible_to(membership)
        .select_related("business", "staff", "customer", "contact")
        .prefetch_related("lines")
        .filter(reference=reference)
        .first()
    )
    if booking is None:
        raise NotFound()
    return booking


# --- Booking for the salon ---------------------------------------------------------------------


def _check_salon_start(business: Business, start: datetime, now: datetime) -> None:
    """The salon books from the current slot on (a walk-in is served now, not after the notice
    customers must give) up to its horizon."""
    if timezone.is_naive(start):
        raise InvalidBooking(_("The start time must carry its time zone."))
    if start < now - timedelta(minutes=business.slot_step_minutes):
        raise SlotUnavailable()
    if start > now + timedelta(days=business.horizon_days):
        raise SlotUnavailable()


def _salon_availability_now(business: Business, now: datetime) -> datetime:
    """The engine offers starts from `now + notice`: counting from one notice and one slot step
    earlier offers them from the current slot on, which is what the salon may book."""
    return now - timedelta(minutes=business.min_notice_minutes + business.slot_step_minutes)


def _own_staff(membership: Membership, staff: StaffMember | None) -> StaffMember | None:
    """The staff member a booking may be made for: plain staff book for themselves only."""
    if membership.is_manager:
        return staff
    if staff is None:
        return StaffMember.objects.get(pk=membership.staff_id)
    if staff.pk != membership.staff_id:
        raise InvalidBooking(_("You can only book in your own agenda."))
    return staff


def salon_free_starts(
    *,
    actor: User,
    business: Business,
    services: Sequence[Service],
    day: date,
    staff: StaffMember | None = None,
    now: datetime | None = None,
) -> list[datetime]:
    """The starts (UTC) the salon can book on local `day` for `services`, with `staff` or
    anyone: the same offer `booking_create_for_salon` accepts."""
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=business)
    staff = _own_staff(membership, staff)
    services = _check_services(business, services)
    availability = availability_for(
        business=business,
        services=services,
        start_date=day,
        end_date=day,
        now=_salon_availability_now(business, now),
        staff=staff,
    )
    return availability.starts()


def booking_move_starts(
    *,
    actor: User,
    booking: Booking,
    day: date,
    staff: StaffMember | None = None,
    now: datetime | None = None,
) -> list[datetime]:
    """The starts (UTC) a booking can be moved to on local `day`, with `staff` or anyone: what
    `booking_reschedule` accepts (its own time counts as free)."""
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=booking.business_id)
    if not membership.sees_staff(booking.staff_id):
        raise NotFound()
    if not membership.is_manager:
        staff = _own_staff(membership, None)  # plain staff move within their own agenda
    lines = list(booking.lines.select_related("service"))
    services = [line.service for line in lines if line.service is not None]
    if not services or len(services) < len(lines):
        return []
    availability = availability_for(
        business=booking.business,
        services=services,
        start_date=day,
        end_date=day,
        now=now,
        staff=staff,
        exclude_booking_id=booking.pk,
    )
    return availability.starts()


def _existing_salon_booking(business: Business, key: str | None) -> Booking | None:
    if not key:
        return None
    return Booking.objects.filter(
        business=business, source=Booking.Source.BACKOFFICE, idempotency_key=key
    ).first()


def _same_salon_request(
    booking: Booking,
    business: Business,
    services: Sequence[Service],
    start: datetime,
    staff: StaffMember | None,
    customer: User | None,
    contact: SalonContact | None,
) -> Booking:
    """The booking found by the form's key if the form asked for it again; a key sent with
    another request (time, services, staff member or person) is refused."""
    booking = booking_for_same_request(
        booking, business=business, services=services, start=start, staff=staff
    )
    if customer is not None and booking.customer_id != customer.pk:
        raise IdempotencyKeyReused()
    if contact is not None and booking.contact_id != contact.pk:
        raise IdempotencyKeyReused()
    return booking


def booking_create_for_salon(
    *,
    actor: User,
    business: Business,
    services: Sequence[Service],
    start: datetime,
    staff: StaffMember | None = None,
    customer: User | None = None,
    contact: SalonContact | None = None,
    new_contact: NewContact | None = None,
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> Booking:
    """Book by phone or for a walk-in, for exactly one of: an existing `customer` of the salon,
    an existing `contact` of the salon, or a `new_contact` created in the same transaction.

    Owners and managers book for any staff member or for anyone free (`staff=None`); a plain
    staff member books for themselves only. The same working hours, time off, closures and
    overlap rules as on the site hold, through the same locked path; the minimum notice does
    not (`_check_salon_start`). The customer (or the contact, when it has an e-mail address)
    is told through the usual hooks. The same `idempotency_key` with the same request returns
    the booking already made; with another request it is refused (IdempotencyKeyReused).
    Raises NotAllowed, NotFound (a customer or contact the actor may not see),
    InvalidBooking, SlotUnavailable or SlotTaken.
    """
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=business)
    if sum(x is not None for x in (customer, contact, new_contact)) != 1:
        raise InvalidBooking(_("Choose one customer or enter a new contact."))
    staff = _own_staff(membership, staff)
    if staff is not None and (staff.business_id != business.pk or not staff.is_active):
        raise InvalidBooking(_("This staff member does not work at this salon."))
    if customer is not None and (
        not customer.is_active or not customer_visible(membership, customer=customer)
    ):
        raise NotFound()
    if contact is not None and not customer_visible(membership, contact=contact):
        raise NotFound()
    if new_contact is not None and not new_contact.name.strip():
        raise InvalidBooking(_("Enter the contact's name."))
    services = _check_services(business, services)
    existing = _existing_salon_booking(business, idempotency_key)
    if existing is not None:
        return _same_salon_request(existing, business, services, start, staff, customer, contact)
    _check_salon_start(business, start, now)
    availability_now = _salon_availability_now(business, now)

    def attempt() -> Booking:
        with slot_locked(
            business=business, services=services, start=start, staff=staff, now=availability_now
        ) as free:
            person = contact
            if new_contact is not None:
                person = SalonContact.objects.create(
                    business=business,
                    name=new_contact.name.strip(),
                    phone=new_contact.phone,
                    email=new_contact.email.strip().lower(),
                    created_by=actor,
                    created_at=now,
                )
                audit_record(
                    actor=actor,
                    action="contact.created",
                    subject_contact=person,
                    business=business,
                    obj=person,
                    now=now,
                )
            booking = booking_insert(
                customer,
                business,
                services,
                start,
                staff,
                free,
                Booking.Source.BACKOFFICE,
                idempotency_key,
                contact=person,
            )
            audit_record(
                actor=actor,
                action="booking.created_by_salon",
                subject_user=customer,
                subject_contact=person,
                business=business,
                obj=booking,
                now=now,
            )
            booking_event_record(
                booking=booking,
                code=BookingEventCode.CREATED,
                actor_kind=ActorKind.SALON,
                actor=actor,
                staff_id=membership.staff_id,
                now=now,
                data=created_data(booking),
            )
            # Messages go to the outbox in this transaction, as for the customers' bookings.
            booking_notify_created(booking=booking, now=now)
            contact_notify(booking=booking, event="created", now=now)
            return booking

    try:
        return with_retries(attempt)
    except IntegrityError:
        existing = _existing_salon_booking(business, idempotency_key)
        if existing is not None:
            return _same_salon_request(
                existing, business, services, start, staff, customer, contact
            )
        raise SlotTaken() from None


def booking_mark_outcome(
    *, booking: Booking, actor: User, outcome: str, now: datetime | None = None
) -> Booking:
    """Record that a booking took place (`completed`) or that the customer did not come
    (`no_show`), once it has started; a wrong mark can be switched to the other outcome.

    Owners and managers mark any booking of the salon, staff their own; anyone else gets
    NotFound. Compare-and-set on the status read: of two concurrent marks only the first wins,
    the second gets InvalidBooking.
    """
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=booking.business_id)
    if not membership.sees_staff(booking.staff_id):
        raise NotFound()
    if outcome not in OUTCOMES:
        raise InvalidBooking(_("Choose completed or no-show."))
    if booking.status not in (BookingStatus.CONFIRMED, *OUTCOMES) or booking.status == outcome:
        raise InvalidBooking(_("This booking cannot be marked so."))
    if now < booking.start:
        raise InvalidBooking(_("This booking has not started yet."))
    previous = booking.status
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, status=previous).update(
            status=outcome, updated_at=now
        )
        if not changed:
            raise InvalidBooking(_("This booking was changed meanwhile. Please look again."))
        booking_event_record(
            booking=booking,
            code=(
                BookingEventCode.COMPLETED
                if outcome == BookingStatus.COMPLETED
                else BookingEventCode.NO_SHOW
            ),
            actor_kind=ActorKind.SALON,
            actor=actor,
            staff_id=membership.staff_id,
            now=now,
            # A wrong mark switched to the other outcome says what it was.
            data={"outcome_from": previous} if previous != BookingStatus.CONFIRMED else {},
        )
    booking.refresh_from_db()
    return booking


# --- Customer files and notes ------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerFile:
    """What the team sees of one customer: identity, their bookings here, the salon's notes."""

    customer: User | None
    contact: SalonContact | None
    bookings: list[Booking]
    notes: list[CustomerNote]
    # Processing restricted at the person's request (GDPR art. 18): shown, never why.
    restricted: bool = False

    @property
    def name(self) -> str:
        if self.customer is not None:
            return self.customer.get_full_name()
        return self.contact.name if self.contact is not None else ""

    @property
    def email(self) -> str:
        if self.customer is not None:
            return self.customer.email
        return self.contact.email if self.contact is not None else ""

    @property
    def phone(self) -> object:
        if self.customer is not None:
            return self.customer.phone
        return self.contact.phone if self.contact is not None else ""


def _subject(
    membership: Membership, business: Business, customer_id: int | None, contact_id: int | None
) -> tuple[User | None, SalonContact | None]:
    """The account or contact by id, if the member may see it; NotFound otherwise."""
    customer = contact = None
    if customer_id is not None:
        customer = User.objects.filter(pk=customer_id).first()
        if customer is None or not customer_visible(membership, customer=customer):
            raise NotFound()
    elif contact_id is not None:
        contact = SalonContact.objects.filter(pk=contact_id, business=business).first()
        if contact is None or not customer_visible(membership, contact=contact):
            raise NotFound()
    else:
        raise NotFound()
    return customer, contact


def customer_for_member(
    *,
    actor: User,
    business: Business,
    customer_id: int | None = None,
    contact_id: int | None = None,
) -> tuple[User | None, SalonContact | None]:
    """(account, None) or (None, contact) by id, if the actor may see them; NotFound
    otherwise. Not recorded: for naming the person on a booking form, not for their file."""
    membership = membership_required(actor=actor, business=business)
    return _subject(membership, business, customer_id, contact_id)


def customer_file_open(
    *,
    actor: User,
    business: Business,
    customer_id: int | None = None,
    contact_id: int | None = None,
    now: datetime | None = None,
) -> CustomerFile:
    """Open a customer's file (an account by `customer_id` or a contact by `contact_id`) and
    record the access in the audit log, in one transaction: no file is shown unrecorded.

    Plain staff see the customers of their own bookings, and only those bookings; a customer
    the actor may not see, or of another salon, is NotFound.
    """
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=business)
    customer, contact = _subject(membership, business, customer_id, contact_id)
    subject = Q(customer=customer) if customer is not None else Q(contact=contact)
    bookings = list(
        _bookings_visible_to(membership)
        .filter(subject)
        .select_related("staff")
        .prefetch_related("lines")
        .order_by("-start")
    )
    notes = list(
        CustomerNote.objects.filter(subject, business=business)
        .select_related("author")
        .order_by("-created_at", "-pk")
    )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="customer.file_viewed",
            subject_user=customer,
            subject_contact=contact,
            business=business,
            obj=customer or contact,
            now=now,
        )
    restricted = processing_restricted(
        user=customer, email=contact.email if contact is not None else ""
    )
    return CustomerFile(
        customer=customer, contact=contact, bookings=bookings, notes=notes, restricted=restricted
    )


def customer_note_add(
    *,
    actor: User,
    business: Business,
    text: str,
    customer_id: int | None = None,
    contact_id: int | None = None,
    now: datetime | None = None,
) -> CustomerNote:
    """Write a private note about a customer the actor may see (NotFound otherwise)."""
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=business)
    customer, contact = _subject(membership, business, customer_id, contact_id)
    text = text.strip()
    if not text:
        raise InvalidBooking(_("The note is empty."))
    with transaction.atomic():
        note = CustomerNote.objects.create(
            business=business,
            customer=customer,
            contact=contact,
            text=text[:2000],
            author=actor,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action="customer.note_added",
            subject_user=customer,
            subject_contact=contact,
            business=business,
            obj=note,
            now=now,
        )
    return note


def customer_note_delete(
    *, actor: User, business: Business, note_id: int, now: datetime | None = None
) -> None:
    """Delete a note: its author, or an owner or manager. NotFound for anyone else."""
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=business)
    note = CustomerNote.objects.filter(pk=note_id, business=business).first()
    if note is None or not (membership.is_manager or note.author_id == actor.pk):
        raise NotFound()
    _subject(membership, business, note.customer_id, note.contact_id)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="customer.note_deleted",
            subject_user=note.customer,
            subject_contact=note.contact,
            business=business,
            obj=note,
            now=now,
        )
        CustomerNote.objects.filter(pk=note.pk).delete()
