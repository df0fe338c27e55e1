"""One loader of when a salon's staff can work: weekly hours, time off and closures.

`schedule_load` reads them for a salon, a set of staff members and a range of local days in a
fixed number of queries, whatever the number of staff or rows: weekly hours (none when the
caller already has them, e.g. from the salon's cached offer), time off and closures. Asked for
the bookings too (`bookings=True`, the availability path), it reads the bookings' blocked time
and the time off in one UNION, so availability stays at two queries with a cached offer.
Availability, the agenda and the dashboard all read their schedule here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connections
from django.db.models import QuerySet

from creneau.bookings.models import ACTIVE_STATUSES, Booking
from creneau.catalog.models import Business, Closure, TimeOff, WorkingHours
from creneau.scheduling.engine import Interval

TimeRange = tuple[time, time]
WeeklyHours = dict[int, dict[int, list[TimeRange]]]  # staff id -> weekday -> local ranges


@dataclass(frozen=True)
class Schedule:
    """The schedule of some staff members of a salon over local days `first_day`..`last_day`.

    `hours`: staff id -> weekday (0 = Monday) -> local (start, end) ranges, by start; staff
    without hours are absent. `closures`: (first day, last day, label) of the salon's closures
    meeting the days. Then either, loaded without the bookings, `time_off`: staff id ->
    (start, end, reason) by start; or, loaded with them, `blocked`: staff id -> the blocked
    ranges of their active bookings and their time off alike, UTC, in no order (what the slot
    engine needs, read without the reasons it does not).
    """

    business: Business
    first_day: date
    last_day: date
    hours: WeeklyHours
    time_off: dict[int, list[tuple[datetime, datetime, str]]]
    closures: list[tuple[date, date, str]]
    blocked: dict[int, list[Interval]] = field(default_factory=dict)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.business.timezone)

    def busy(self, staff_id: int) -> list[Interval]:
        """The staff member's blocked time: bookings (with their buffer, when loaded) and time
        off alike."""
        time_off = self.time_off.get(staff_id)
        if not time_off:
            return self.blocked.get(staff_id, [])
        return self.blocked.get(staff_id, []) + [(start, end) for start, end, _reason in time_off]

    def closed_days(self, days: Iterable[date]) -> dict[date, str]:
        """Each of `days` the salon is closed -> the closure's label ("" when unlabelled)."""
        closed: dict[date, str] = {}
        for day in days:
            for first, last, label in self.closures:
                if first <= day <= last:
                    closed[day] = label
        return closed

    def closure_intervals(self) -> list[Interval]:
        """The closures as aware intervals of whole local days."""
        tz = self.tz
        return [local_day_bounds(tz, first, last) for first, last, _label in self.closures]


def local_day_bounds(tz: ZoneInfo, start_date: date, end_date: date) -> tuple[datetime, datetime]:
    """From the start of local day `start_date` to the start of the day after `end_date`."""
    first = datetime.combine(start_date, time.min, tzinfo=tz)
    last = datetime.combine(end_date + timedelta(days=1), time.min, tzinfo=tz)
    return first, last


def weekly_hours(rows: QuerySet[WorkingHours]) -> WeeklyHours:
    """staff id -> weekday -> local ranges by start, in one query; staff without hours are
    absent."""
    hours: dict[int, dict[int, list[TimeRange]]] = defaultdict(lambda: defaultdict(list))
    # No ORDER BY: the default ordering would join the staff and salon tables to sort by them.
    ranges = rows.order_by().values_list("staff_id", "weekday", "start", "end")
    for staff_id, weekday, start, end in ranges:
        hours[staff_id][weekday].append((start, end))
    for weekly in hours.values():
        for day_ranges in weekly.values():
            day_ranges.sort()
    return hours


def schedule_load(
    *,
    business: Business,
    staff_ids: Iterable[int],
    first_day: date,
    last_day: date,
    hours: WeeklyHours | None = None,
    bookings: bool = False,
    exclude_booking_id: int | None = None,
) -> Schedule:
    """The schedule of `staff_ids` at `business` over local days `first_day`..`last_day`.

    Three queries (hours, time off, closures), two when `hours` are given. With `bookings`,
    the active bookings' blocked time comes in the time-off query (a UNION, into `blocked`),
    leaving `exclude_booking_id` out (a booking being moved). Time off and bookings meeting the
    range are returned whole, not cut to it.
    """
    ids = list(staff_ids)
    range_start, range_end = local_day_bounds(ZoneInfo(business.timezone), first_day, last_day)
    if hours is None:
        hours = weekly_hours(WorkingHours.objects.filter(staff_id__in=ids)) if ids else {}
    time_off: dict[int, list[tuple[datetime, datetime, str]]] = defaultdict(list)
    busy: dict[int, list[Interval]] = defaultdict(list)
    if bookings:
        for staff_id, start, end in _busy_rows(ids, range_start, range_end, exclude_booking_id):
            busy[staff_id].append((_utc(start), _utc(end)))
    elif ids:
        for staff_id, start, end, reason in (
            TimeOff.objects.filter(staff_id__in=ids, start__lt=range_end, end__gt=range_start)
            .order_by("start")
            .values_list("staff_id", "start", "end", "reason")
        ):
            time_off[staff_id].append((start, end, reason))
    closures = [
        (first, last, label)
        for first, last, label in Closure.objects.filter(
            business=business, start_date__lte=last_day, end_date__gte=first_day
        )
        # By first day, without the default ordering's join to the salon.
        .order_by("start_date")
        .values_list("start_date", "end_date", "label")
    ]
    return Schedule(business, first_day, last_day, hours, time_off, closures, busy)


def _busy_rows(
    ids: list[int],
    range_start: datetime,
    range_end: datetime,
    exclude_booking_id: int | None,
) -> list[tuple[int, datetime | str, datetime | str]]:
    """(staff id, start, end) of the active bookings' blocked time and of the time off meeting
    the range: one query, a UNION of both."""
    if not ids:
        return []
    booked = Booking.objects.filter(
        staff_id__in=ids,
        status__in=ACTIVE_STATUSES,
        start__lt=range_end,
        blocked_until__gt=range_start,
    )
    if exclude_booking_id is not None:
        booked = booked.exclude(pk=exclude_booking_id)
    time_off = (
        TimeOff.objects.filter(staff_id__in=ids, start__lt=range_end, end__gt=range_start)
        .order_by()
        .values_list("staff_id", "start", "end")
    )
    union = (
        booked.order_by()
        .values_list("staff_id", "start", "blocked_until")
        .union(time_off, all=True)
    )
    # The ORM writes the SQL; the rows are read from the cursor. For a month of a busy salon
    # (3,000 datetimes) the queryset's per-value converters cost several times the query.
    sql, params = union.query.get_compiler(using=union.db).as_sql()
    with connections[union.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[int, datetime | str, datetime | str]] = cursor.fetchall()
        return rows


def _utc(value: datetime | str) -> datetime:
    """A datetime column as read by the driver, as an aware UTC datetime: SQLite gives naive UTC
    (text when it cannot tell the column's type), PostgreSQL an aware datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value if value.tzinfo is UTC else value.astimezone(UTC)
