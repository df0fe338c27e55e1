"""A booking's history: every creation, move, cancellation, outcome and note, by whom and when.

One writer, `booking_event_record`, called by the domain function that makes the change, inside
its transaction (as `privacy.audit.audit_record` is for accesses): the site, the back office,
the API, the waiting list and erasure all reach it through those functions. The audit log says
who looked at a person's data; this history says what happened to a booking, and the two stay
apart, so the customer's "who looked at my data" list holds accesses only. Codes: docs/audit.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from creneau.accounts.models import User
from creneau.bookings.errors import InvalidBooking
from creneau.bookings.models import ActorKind, Booking, BookingEvent, BookingEventCode
from creneau.catalog.models import StaffMember
from creneau.catalog.permissions import NotFound, membership_of, membership_required

NOTE_MAX_LENGTH = 2000


def iso_utc(value: datetime) -> str:
    """A time as the history keeps it: ISO 8601 in UTC, whatever zone it came in."""
    return value.astimezone(UTC).isoformat()


def booking_event_record(
    *,
    booking: Booking,
    code: str,
    actor_kind: str,
    now: datetime,
    actor: User | None = None,
    staff_id: int | None = None,
    data: dict[str, Any] | None = None,
    note: str = "",
) -> BookingEvent:
    """Append one line to `booking`'s history. Call inside the transaction of the change.

    `actor` is the account acting (None for the system), `staff_id` the salon's team member
    when the salon acted. `data` carries times (ISO, UTC) and ids only, never a name."""
    return BookingEvent.objects.create(
        booking=booking,
        code=BookingEventCode(code),
        actor_kind=ActorKind(actor_kind),
        actor=actor,
        staff_id=staff_id,
        at=now,
        data=data or {},
        note=note,
    )


def actor_of(*, actor: User, booking: Booking, role: str) -> tuple[str, int | None]:
    """(actor kind, staff member id) for a change made by `actor` in `role` ("customer" or
    "business", as `catalog.permissions.booking_role` says)."""
    if role == "customer":
        return ActorKind.CUSTOMER, None
    membership = membership_of(user=actor, business=booking.business_id)
    return ActorKind.SALON, membership.staff_id if membership is not None else None


def booking_note_add(
    *, booking: Booking, actor: User, text: str, now: datetime | None = None
) -> BookingEvent:
    """A team member who sees the booking's agenda adds a note to its history (NotFound for
    anyone else). The note is the salon's: the customer's booking page does not show it, their
    data export does."""
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=booking.business_id)
    if not membership.sees_staff(booking.staff_id):
        raise NotFound()
    text = text.strip()
    if not text:
        raise InvalidBooking(_("The note is empty."))
    with transaction.atomic():
        return booking_event_record(
            booking=booking,
            code=BookingEventCode.NOTE,
            actor_kind=ActorKind.SALON,
            actor=actor,
            staff_id=membership.staff_id,
            now=now,
            note=text[:NOTE_MAX_LENGTH],
        )


# --- Reading it --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryLine:
    """One event as a person reads it: when, what, by whom, and the details (times, staff)."""

    at: datetime
    code: str
    what: str
    who: str
    detail: str
    note: str


def _when(value: str, tz: ZoneInfo) -> str:
    local = datetime.fromisoformat(value).astimezone(tz)
    return date_format(local, "l j F Y, H:i")


def _who(event: BookingEvent, *, for_customer: bool) -> str:
    kind = event.actor_kind
    via = event.data.get("via", "")
    if kind == ActorKind.CUSTOMER:
        who = _("you") if for_customer else _("the customer")
        if via == "waitlist":
            who = (
                _("you, from the waiting list")
                if for_customer
                else _("the customer, from the waiting list")
            )
        return who
    if kind == ActorKind.SALON:
        if event.staff is not None:
            return _("%(name)s (the salon)") % {"name": event.staff.display_name}
        return _("the salon")
    if kind == ActorKind.PLATFORM:
        return _("platform staff")
    if via == "erasure":
        return _("the platform, when the customer's data was erased")
    return _("the platform")


def _detail(event: BookingEvent, tz: ZoneInfo, names: dict[int, str]) -> str:
    data = event.data
    parts = []
    if event.code == BookingEventCode.MOVED and data.get("from") and data.get("to"):
        parts.append(
            _("from %(old)s to %(new)s")
            % {"old": _when(data["from"], tz), "new": _when(data["to"], tz)}
        )
    elif event.code == BookingEventCode.CREATED and data.get("to"):
        parts.append(_("for %(when)s") % {"when": _when(data["to"], tz)})
    staff_from, staff_to = data.get("staff_from"), data.get("staff_to")
    if event.code == BookingEventCode.MOVED and staff_to and staff_from != staff_to:
        parts.append(_("now with %(name)s") % {"name": names.get(staff_to, "?")})
    return ", ".join(parts)


def booking_history(*, booking: Booking, for_customer: bool) -> list[HistoryLine]:
    """The booking's events, oldest first, as its customer (`for_customer`: "you", no salon
    notes) or its salon reads them; team members by their display name. One query, and one
    more for the names of the staff members moved to."""
    events = BookingEvent.objects.filter(booking=booking).select_related("staff")
    if for_customer:
        events = events.exclude(code=BookingEventCode.NOTE)
    tz = ZoneInfo(booking.business.timezone)
    rows = list(events.order_by("at", "pk"))
    moved_to = [
        row.data["staff_to"]
        for row in rows
        if row.code == BookingEventCode.MOVED and row.data.get("staff_to")
    ]
    names: dict[int, str] = {}
    if moved_to:
        names = dict(StaffMember.objects.filter(pk__in=moved_to).values_list("pk", "display_name"))
    return [
        HistoryLine(
            at=row.at,
            code=row.code,
            what=str(BookingEventCode(row.code).label),
            who=_who(row, for_customer=for_customer),
            detail=_detail(row, tz, names),
            note=row.note,
        )
        for row in rows
    ]


def cancelled_by(booking: Booking) -> str:
    """Who cancelled a cancelled booking, as the salon reads it: the customer, which team
    member, the platform; from the history, else from the status alone."""
    event = (
        BookingEvent.objects.filter(booking=booking, code=BookingEventCode.CANCELLED)
        .select_related("staff")
        .order_by("-at", "-pk")
        .first()
    )
    if event is not None:
        return _who(event, for_customer=False)
    if booking.status == Booking.Status.CANCELLED_BY_CUSTOMER:
        return _("the customer")
    return _("the salon")
