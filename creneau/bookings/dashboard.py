"""The salon's dashboard figures, for its owners and managers.

Definitions (shown on the page too):
- a day's bookings: active bookings (confirmed, completed, no-show) starting that local day;
- a day's revenue: the total price of its confirmed and completed bookings (expected, for days
  to come); no-shows and cancellations bring nothing;
- occupancy of a staff member: booked minutes over working minutes (weekly hours, less
  closures and time off) in the period;
- cancellation rate: cancelled bookings (by the customer or the salon) over all bookings that
  started, or were to start, in the last 30 days; no-show rate: no-shows over the bookings of
  the last 30 days that were not cancelled.

Six queries whatever the salon's size: membership, staff, working hours, time off and closures
(`schedule.schedule_load`), and one read of the bookings' (staff, start, end, status, price)
over the 60 days.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from creneau.accounts.models import User
from creneau.bookings.models import ACTIVE_STATUSES, Booking, BookingStatus
from creneau.bookings.schedule import schedule_load
from creneau.catalog.models import Business, StaffMember
from creneau.catalog.permissions import SALON_MANAGE, membership_required

PERIOD_DAYS = 30
EARNING = (BookingStatus.CONFIRMED, BookingStatus.COMPLETED)
CANCELLED = (BookingStatus.CANCELLED_BY_CUSTOMER, BookingStatus.CANCELLED_BY_BUSINESS)


@dataclass(frozen=True)
class DayFigures:
    day: date
    bookings: int
    revenue: Decimal


@dataclass(frozen=True)
class Occupancy:
    staff: StaffMember
    worked_minutes: int
    booked_minutes: int

    @property
    def percent(self) -> int | None:
        if not self.worked_minutes:
            return None
        return round(100 * self.booked_minutes / self.worked_minutes)


@dataclass(frozen=True)
class Dashboard:
    today: date
    past: list[DayFigures]  # the 30 days before today
    upcoming: list[DayFigures]  # today and the 29 days after
    occupancy_past: list[Occupancy]
    occupancy_upcoming: list[Occupancy]
    bookings_past: int  # every booking of the last 30 days, cancelled ones included
    cancelled_past: int
    no_show_past: int
    attended_or_missed_past: int  # not cancelled: the no-show rate's denominator

    @property
    def cancellation_rate(self) -> int | None:
        return _percent(self.cancelled_past, self.bookings_past)

    @property
    def no_show_rate(self) -> int | None:
        return _percent(self.no_show_past, self.attended_or_missed_past)

    @property
    def revenue_past(self) -> Decimal:
        return sum((d.revenue for d in self.past), Decimal(0))

    @property
    def revenue_upcoming(self) -> Decimal:
        return sum((d.revenue for d in self.upcoming), Decimal(0))


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _minutes(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def _overlap(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> int:
    return _minutes(max(a[0], b[0]), min(a[1], b[1]))


def salon_dashboard(*, actor: User, business: Business, now: datetime) -> Dashboard:
    """The figures of the 30 days before today and of the 30 days from today (local days).
    Owners and managers only (NotAllowed for plain staff)."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    tz = ZoneInfo(business.timezone)
    today = now.astimezone(tz).date()
    first = today - timedelta(days=PERIOD_DAYS)
    last = today + timedelta(days=PERIOD_DAYS - 1)
    days = [first + timedelta(days=i) for i in range(2 * PERIOD_DAYS)]
    range_start = datetime.combine(first, time.min, tzinfo=tz)
    middle = datetime.combine(today, time.min, tzinfo=tz)
    range_end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)

    staff = list(
        StaffMember.objects.filter(business=business, is_active=True).order_by(
            "position", "display_name", "pk"
        )
    )
    ids = [member.pk for member in staff]
    schedule = schedule_load(business=business, staff_ids=ids, first_day=first, last_day=last)
    closed = set(schedule.closed_days(days))

    counts: dict[date, int] = defaultdict(int)
    revenue: dict[date, Decimal] = defaultdict(Decimal)
    booked: dict[tuple[int, bool], int] = defaultdict(int)  # (staff, upcoming) -> minutes
    bookings_past = cancelled_past = no_show_past = 0
    for staff_id, start, end, status, price in Booking.objects.filter(
        business=business, start__gte=range_start, start__lt=range_end
    ).values_list("staff_id", "start", "end", "status", "total_price"):
        day = start.astimezone(tz).date()
        upcoming = start >= middle
        if not upcoming:
            bookings_past += 1
            cancelled_past += status in CANCELLED
            no_show_past += status == BookingStatus.NO_SHOW
        if status in ACTIVE_STATUSES:
            counts[day] += 1
            booked[(staff_id, upcoming)] += _minutes(start, end)
        if status in EARNING:
            revenue[day] += price

    worked: dict[tuple[int, bool], int] = defaultdict(int)
    for member in staff:
        for day in days:
            if day in closed:
                continue
            for opens, closes in schedule.hours.get(member.pk, {}).get(day.weekday(), ()):
                span = (
                    datetime.combine(day, opens, tzinfo=tz),
                    datetime.combine(day, closes, tzinfo=tz),
                )
                minutes = _minutes(*span) - sum(
                    _overlap(span, (off_start, off_end))
                    for off_start, off_end, _reason in schedule.time_off.get(member.pk, ())
                )
                worked[(member.pk, day >= today)] += max(0, minutes)

    def figures(period: list[date]) -> list[DayFigures]:
        return [DayFigures(day, counts[day], revenue[day]) for day in period]

    def occupancy(upcoming: bool) -> list[Occupancy]:
        return [
            Occupancy(member, worked[(member.pk, upcoming)], booked[(member.pk, upcoming)])
            for member in staff
        ]

    return Dashboard(
        today=today,
        past=figures(days[:PERIOD_DAYS]),
        upcoming=figures(days[PERIOD_DAYS:]),
        occupancy_past=occupancy(False),
        occupancy_upcoming=occupancy(True),
        bookings_past=bookings_past,
        cancelled_past=cancelled_past,
        no_show_past=no_show_past,
        attended_or_missed_past=bookings_past - cancelled_past,
    )
