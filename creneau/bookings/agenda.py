"""The salon's agenda as data: who works when, who is booked when, what is blocked.

A fixed handful of queries whatever the number of staff or bookings: the actor's membership,
the staff, their working hours, time off and closures (`schedule.schedule_load`), the bookings
(with their customer or contact) and the bookings' lines. Times are aware datetimes; the back
office turns them into rows of its grid. Owners and managers see every active staff member,
plain staff only themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from creneau.accounts.models import User
from creneau.bookings.models import ACTIVE_STATUSES, Booking, BookingService
from creneau.bookings.schedule import schedule_load
from creneau.catalog.models import Business, StaffMember
from creneau.catalog.permissions import Membership, NotFound, membership_required


@dataclass(frozen=True, slots=True)
class AgendaBooking:
    """What the agenda shows of a booking: read as plain rows, not model instances (a day of a
    busy salon is a few hundred of them, and building models would cost more than the query)."""

    reference: str
    staff_id: int
    start: datetime
    end: datetime
    status: str
    name: str  # the account's or the contact's; empty once erased
    by_salon: bool  # for a contact the salon entered
    services: tuple[str, ...]

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass
class AgendaColumn:
    """One staff member on one day."""

    staff: StaffMember
    day: date
    working: list[tuple[datetime, datetime]] = field(default_factory=list)
    time_off: list[tuple[datetime, datetime, str]] = field(default_factory=list)
    bookings: list[AgendaBooking] = field(default_factory=list)
    closure: str | None = None  # the closure's label ("" when unlabelled) on a closed day

    @property
    def closed(self) -> bool:
        return self.closure is not None


@dataclass
class Agenda:
    business: Business
    membership: Membership
    days: list[date]
    staff: list[StaffMember]  # shown
    columns: list[AgendaColumn]
    tz: ZoneInfo
    visible_staff: list[StaffMember]  # whose agenda the actor may open


def _local(day: date, moment: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, moment, tzinfo=tz)


def agenda_staff(*, actor: User, business: Business) -> tuple[Membership, list[StaffMember]]:
    """The actor's membership and the staff whose agenda they may see, in display order."""
    membership = membership_required(actor=actor, business=business)
    staff = StaffMember.objects.filter(business=business, is_active=True).order_by(
        "position", "display_name", "pk"
    )
    if not membership.is_manager:
        staff = staff.filter(pk=membership.staff_id)
    return membership, list(staff)


def agenda_for(
    *,
    actor: User,
    business: Business,
    first_day: date,
    days: int = 1,
    staff_id: int | None = None,
) -> Agenda:
    """The agenda of `days` local days from `first_day`: every visible staff member, or only
    `staff_id` (NotFound when the actor may not see that staff member's agenda).

    Bookings are the active ones (confirmed, completed, no-show); cancelled ones free the time
    and are not shown.
    """
    tz = ZoneInfo(business.timezone)
    membership, visible = agenda_staff(actor=actor, business=business)
    staff = visible
    if staff_id is not None:
        staff = [member for member in visible if member.pk == staff_id]
        if not staff:
            raise NotFound()
    day_list = [first_day + timedelta(days=i) for i in range(days)]
    range_start = _local(first_day, time.min, tz)
    range_end = _local(first_day + timedelta(days=days), time.min, tz)
    ids = [member.pk for member in staff]

    schedule = schedule_load(
        business=business, staff_ids=ids, first_day=first_day, last_day=day_list[-1]
    )
    closed = schedule.closed_days(day_list)
    rows = list(
        Booking.objects.filter(
            staff_id__in=ids,
            status__in=ACTIVE_STATUSES,
            start__lt=range_end,
            end__gt=range_start,
        )
        .order_by("start", "pk")
        .values_list(
            "pk",
            "reference",
            "staff_id",
            "start",
            "end",
            "status",
            "customer__first_name",
            "customer__last_name",
            "contact_id",
            "contact__name",
        )
    )
    services: dict[int, list[str]] = defaultdict(list)
    if rows:
        for booking_id, name in (
            BookingService.objects.filter(booking_id__in=[row[0] for row in rows])
            .order_by("booking_id", "position")
            .values_list("booking_id", "name")
        ):
            services[booking_id].append(name)
    bookings: dict[tuple[int, date], list[AgendaBooking]] = defaultdict(list)
    for pk, reference, sid, start, end, status, first, last, contact_id, contact_name in rows:
        name = contact_name if contact_id is not None else f"{first or ''} {last or ''}".strip()
        bookings[(sid, start.astimezone(tz).date())].append(
            AgendaBooking(
                reference=reference,
                staff_id=sid,
                start=start,
                end=end,
                status=status,
                name=name or "",
                by_salon=contact_id is not None,
                services=tuple(services[pk]),
            )
        )

    columns = []
    for day in day_list:
        for member in staff:
            column = AgendaColumn(staff=member, day=day, closure=closed.get(day))
            column.working = [
                (_local(day, start, tz), _local(day, end, tz))
                for start, end in schedule.hours.get(member.pk, {}).get(day.weekday(), [])
            ]
            day_start, day_end = (
                _local(day, time.min, tz),
                _local(day + timedelta(days=1), time.min, tz),
            )
            column.time_off = [
                (max(start, day_start), min(end, day_end), reason)
                for start, end, reason in schedule.time_off.get(member.pk, ())
                if start < day_end and end > day_start
            ]
            column.bookings = bookings[(member.pk, day)]
            columns.append(column)
    return Agenda(business, membership, day_list, staff, columns, tz, visible)
