"""Availability engine: the start times at which an appointment can be booked.

Pure Python, standard library only, no Django: intervals in, free starts out. The bookings
app loads a salon's data for a range and calls `free_starts` (one staff member) or
`free_starts_anyone` (whoever is free); both can be benchmarked and property-tested alone.

Semantics
---------
Time. Every datetime given to the engine is aware (a naive one is a ValueError); every datetime
it returns is in UTC (`datetime.UTC`). Intervals are half-open ``[start, end)``: an appointment
may start exactly when a busy interval ends and end exactly when the next one starts.

Working hours. `StaffSchedule.weekly_hours` maps a weekday (0 = Monday) to local wall-clock
ranges in the business's time zone ``tz``. For each local date ``d`` from ``start_date`` to
``end_date`` inclusive, each range ``(t0, t1)`` of ``d.weekday()`` becomes the UTC interval
``[datetime.combine(d, t0, tzinfo=tz), datetime.combine(d, t1, tzinfo=tz))``: 09:00 stays
09:00 local on both sides of a daylight-saving change, so its UTC offset differs. A local time
that does not exist (spring forward: 02:30 in Paris on 2026-03-29) or exists twice (fall back:
02:30 on 2026-10-25) follows zoneinfo's ``fold=0`` rule, i.e. the UTC offset in force *before*
the transition: a non-existent 02:30 is 01:30 UTC (= 03:30 summer time), an ambiguous 02:30 is
its first, summer-time, occurrence (00:30 UTC). A range whose converted end is not after its
converted start (02:30-03:00 on a spring-forward day in Paris) offers nothing. Working-hour times
must be naive and whole seconds.

Appointment. The requested services are done back to back by one staff member, each followed by
its buffer, so the block to place is ``sum(duration + buffer)`` minutes long, inner buffers
included. The block must lie inside ONE working range (two ranges that touch are not joined)
and overlap no busy interval (active bookings, already extended by their buffer), no time off
and no closure. Those three may come in any order and overlap each other.

Candidates. Inside a working range that starts at ``ws`` (UTC) the candidates are
``ws + k * slot_step`` for k >= 0, aligned to the start of the range rather than to the hour,
as long as the block ends by the end of the range. A candidate is offered only if
``now + min_notice <= start <= now + horizon_days``.

Cost. Each call converts its intervals once to integer epoch seconds (blocked starts rounded
down, ends up, which is exact since candidates are whole seconds), sorts and merges them once per
staff member, then walks every working range gap by gap with bisect and produces the starts of a
gap arithmetically (``range(first_aligned, last + 1, step)``). Work is proportional to the
number of intervals plus the number of starts returned, never to the minutes in the period. UTC
ends of working ranges are computed once per call for staff members sharing their weekly hours.
`free_starts_anyone` merges the per-staff integer results in a dict keyed by start and builds
each returned datetime once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from math import ceil, floor

__all__ = [
    "Interval",
    "Policy",
    "ServiceSpec",
    "StaffSchedule",
    "free_starts",
    "free_starts_anyone",
]

Interval = tuple[datetime, datetime]
"""Aware datetimes, half-open ``[start, end)``."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_DAY = timedelta(days=1)


def _check_int(owner: str, name: str, value: object, minimum: int) -> None:
    # bool is an int subclass, but Policy(slot_step_minutes=True) is a bug, not a 1-minute step.
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{owner}.{name} must be an integer >= {minimum}, got {value!r}")


@dataclass(frozen=True, slots=True)
class Policy:
    """A business's booking policy; invalid values raise ValueError at construction."""

    slot_step_minutes: int = 15
    min_notice_minutes: int = 60
    horizon_days: int = 60

    def __post_init__(self) -> None:
        _check_int("Policy", "slot_step_minutes", self.slot_step_minutes, 1)
        _check_int("Policy", "min_notice_minutes", self.min_notice_minutes, 0)
        _check_int("Policy", "horizon_days", self.horizon_days, 1)


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    """One requested service: its duration and the blocked time that follows it."""

    duration_minutes: int
    buffer_minutes: int = 0

    def __post_init__(self) -> None:
        _check_int("ServiceSpec", "duration_minutes", self.duration_minutes, 1)
        _check_int("ServiceSpec", "buffer_minutes", self.buffer_minutes, 0)


@dataclass(frozen=True, slots=True)
class StaffSchedule:
    """What the engine knows about one staff member.

    ``weekly_hours``: weekday (0 = Monday) -> local wall-clock ranges ``(start, end)``, naive
    whole-second `time` objects, ``start < end`` (checked at construction). ``time_off`` and
    ``busy``: aware intervals in any order, possibly overlapping; ``busy`` holds the active
    bookings already extended by their buffer (checked when the engine reads them).
    """

    staff_id: int
    weekly_hours: Mapping[int, Sequence[tuple[time, time]]]
    time_off: Sequence[Interval] = ()
    busy: Sequence[Interval] = ()

    def __post_init__(self) -> None:
        for weekday, ranges in self.weekly_hours.items():
            if not isinstance(weekday, int) or isinstance(weekday, bool) or not 0 <= weekday <= 6:
                raise ValueError(
                    f"StaffSchedule {self.staff_id}: weekday must be 0 (Monday) to 6, "
                    f"got {weekday!r}"
                )
            for pair in ranges:
                if len(pair) != 2:
                    raise ValueError(
                        f"StaffSchedule {self.staff_id}: a working range is (start, end), "
                        f"got {pair!r}"
                    )
                start, end = pair
                for t in pair:
                    if not isinstance(t, time) or t.tzinfo is not None or t.microsecond:
                        raise ValueError(
                            f"StaffSchedule {self.staff_id}: working hours must be naive "
                            f"whole-second times, got {t!r}"
                        )
                if not start < end:
                    raise ValueError(
                        f"StaffSchedule {self.staff_id}: working range must start before it "
                        f"ends, got {start.isoformat()}-{end.isoformat()} on weekday {weekday}"
                    )


def free_starts(
    *,
    staff: StaffSchedule,
    services: Sequence[ServiceSpec],
    start_date: date,
    end_date: date,
    tz: tzinfo,
    policy: Policy,
    now: datetime,
    closures: Sequence[Interval] = (),
) -> list[datetime]:
    """The sorted UTC start times at which ``staff`` can take the whole appointment.

    Local dates ``start_date`` to ``end_date`` inclusive in ``tz``; ``services`` are done back to
    back, each followed by its buffer. See the module docstring for the exact rules.
    Raises ValueError on bad input (naive datetimes, no service, end_date before start_date...).
    """
    call = _Call(services, start_date, end_date, tz, policy, now, closures)
    to_datetime = _to_datetime
    return [to_datetime(start) for start in call.starts_for(staff)]


def free_starts_anyone(
    *,
    staff: Sequence[StaffSchedule],
    services: Sequence[ServiceSpec],
    start_date: date,
    end_date: date,
    tz: tzinfo,
    policy: Policy,
    now: datetime,
    closures: Sequence[Interval] = (),
) -> list[tuple[datetime, tuple[int, ...]]]:
    """For each start at which at least one of ``staff`` is free: (start, free staff ids).

    Sorted by start; the staff ids of each start are sorted ascending. Same rules and errors as
    `free_starts`; two schedules with the same staff_id are a ValueError.
    """
    call = _Call(services, start_date, end_date, tz, policy, now, closures)
    by_start: defaultdict[int, list[int]] = defaultdict(list)
    previous_id: int | None = None
    # Visiting staff in id order appends each start's ids already sorted.
    for schedule in sorted(staff, key=_staff_id):
        staff_id = schedule.staff_id
        if staff_id == previous_id:
            raise ValueError(f"staff_id {staff_id!r} appears twice in staff")
        previous_id = staff_id
        for start in call.starts_for(schedule):
            by_start[start].append(staff_id)
    to_datetime = _to_datetime
    return [(to_datetime(start), tuple(by_start[start])) for start in sorted(by_start)]


def _staff_id(schedule: StaffSchedule) -> int:
    return schedule.staff_id


def _to_datetime(seconds: int) -> datetime:
    return _EPOCH + timedelta(seconds=seconds)


class _Call:
    """What one engine call shares between staff members: the request, converted once."""

    __slots__ = (
        "closures",
        "earliest",
        "first_date",
        "last_date",
        "latest",
        "local_seconds",
        "ranges_by_hours",
        "step",
        "total",
        "tz",
    )

    def __init__(
        self,
        services: Sequence[ServiceSpec],
        start_date: date,
        end_date: date,
        tz: tzinfo,
        policy: Policy,
        now: datetime,
        closures: Sequence[Interval],
    ) -> None:
        if not isinstance(policy, Policy):
            raise ValueError(f"policy must be a Policy, got {policy!r}")
        if not services:
            raise ValueError("services must name at least one service")
        for service in services:
            if not isinstance(service, ServiceSpec):
                raise ValueError(f"services must be ServiceSpec objects, got {service!r}")
        if not isinstance(now, datetime) or now.utcoffset() is None:
            raise ValueError(f"now must be an aware datetime, got {now!r}")
        if not isinstance(tz, tzinfo):
            raise ValueError(f"tz must be a time zone (zoneinfo.ZoneInfo), got {tz!r}")
        if not isinstance(start_date, date) or not isinstance(end_date, date):
            raise ValueError("start_date and end_date must be dates")
        if isinstance(start_date, datetime) or isinstance(end_date, datetime):
            raise ValueError("start_date and end_date must be dates, not datetimes")
        if end_date < start_date:
            raise ValueError(f"end_date {end_date} is before start_date {start_date}")

        self.tz = tz
        self.step = policy.slot_step_minutes * 60
        self.total = 60 * sum(s.duration_minutes + s.buffer_minutes for s in services)
        now_seconds = now.timestamp()
        self.earliest = ceil(now_seconds) + policy.min_notice_minutes * 60
        self.latest = floor(now_seconds) + policy.horizon_days * 86400
        self.closures = _as_seconds(closures, "closures")
        self.ranges_by_hours: dict[tuple, tuple[list[tuple[int, int]], bool]] = {}
        self.local_seconds: dict[tuple[date, time], int] = {}

        # Only dates whose working hours can reach [earliest, latest] are worth converting;
        # a day's ranges lie within a day of its local midnight whatever the offset changes.
        first, last = start_date, end_date
        try:
            first = max(first, _to_datetime(self.earliest).astimezone(tz).date() - _ONE_DAY)
            last = min(last, _to_datetime(self.latest).astimezone(tz).date() + _ONE_DAY)
        except OverflowError:
            # Near date.min / date.max: keep the requested dates, the filters still apply.
            pass
        self.first_date = first
        self.last_date = last

    def starts_for(self, staff: StaffSchedule) -> list[int]:
        """Free starts of one staff member, sorted epoch seconds."""
        if self.first_date > self.last_date or self.earliest > self.latest:
            return []
        ranges, overlapping = self._working_ranges(staff.weekly_hours)
        if not ranges:
            return []
        pairs = self.closures + _as_seconds(staff.busy, "busy") + _as_seconds(
            staff.time_off, "time_off"
        )
        blocked_starts, blocked_ends = _merge(pairs)
        starts = _walk(
            ranges, blocked_starts, blocked_ends, self.total, self.step, self.earliest, self.latest
        )
        if overlapping:
            # Overlapping working ranges (or a zone with a transition around midnight) can
            # offer one start twice or out of order; the common case skips this.
            starts = sorted(set(starts))
        return starts

    def _working_ranges(
        self, weekly_hours: Mapping[int, Sequence[tuple[time, time]]]
    ) -> tuple[list[tuple[int, int]], bool]:
        """UTC ranges (epoch seconds) for the call's dates, and whether any two overlap."""
        key = tuple(sorted((day, tuple(map(tuple, ranges))) for day, ranges in weekly_hours.items()))
        cached = self.ranges_by_hours.get(key)
        if cached is not None:
            return cached
        by_weekday = {day: sorted(ranges) for day, ranges in key if ranges}
        local_seconds = self.local_seconds
        tz = self.tz
        result: list[tuple[int, int]] = []
        overlapping = False
        previous_end = None
        day = self.first_date
        last = self.last_date
        while day <= last:
            for t0, t1 in by_weekday.get(day.weekday(), ()):
                ends = []
                for t in (t0, t1):
                    seconds = local_seconds.get((day, t))
                    if seconds is None:
                        # fold=0 (the default) picks the pre-transition offset for a
                        # non-existent or ambiguous local time: see the module docstring.
                        seconds = int(datetime.combine(day, t, tzinfo=tz).timestamp())
                        local_seconds[day, t] = seconds
                    ends.append(seconds)
                start, end = ends
                if end <= start:
                    continue
                if previous_end is not None and start < previous_end:
                    overlapping = True
                previous_end = end if previous_end is None else max(previous_end, end)
                result.append((start, end))
            day += _ONE_DAY
        self.ranges_by_hours[key] = (result, overlapping)
        return result, overlapping


def _as_seconds(intervals: Sequence[Interval], what: str) -> list[tuple[float, float]]:
    """Aware intervals as epoch-second floats (exact to the microsecond for any real date)."""
    pairs = [
        (start.timestamp(), end.timestamp())
        for start, end in intervals
        if start.tzinfo is not None and end.tzinfo is not None
    ]
    if len(pairs) != len(intervals):
        raise ValueError(f"{what} must hold intervals of aware datetimes, found a naive one")
    return pairs


def _merge(pairs: list[tuple[float, float]]) -> tuple[list[int], list[int]]:
    """Sorted, disjoint, non-touching blocked intervals as two lists of epoch seconds.

    Starts are rounded down and ends up: candidates are whole seconds, so a candidate block
    overlaps [s, e) exactly when it overlaps [floor(s), ceil(e)). Touching intervals are joined
    (nothing fits between them), empty ones dropped (they block nothing).
    """
    pairs.sort()
    starts: list[int] = []
    ends: list[int] = []
    current_start = current_end = None
    for start, end in pairs:
        if end <= start:
            if end < start:
                raise ValueError(
                    f"an interval ends before it starts: {_to_iso(start)} - {_to_iso(end)}"
                )
            continue
        start_s = floor(start)
        end_s = ceil(end)
        if current_end is None:
            current_start, current_end = start_s, end_s
        elif start_s > current_end:
            starts.append(current_start)
            ends.append(current_end)
            current_start, current_end = start_s, end_s
        elif end_s > current_end:
            current_end = end_s
    if current_end is not None:
        starts.append(current_start)
        ends.append(current_end)
    return starts, ends


def _to_iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat()


def _walk(
    ranges: list[tuple[int, int]],
    blocked_starts: list[int],
    blocked_ends: list[int],
    total: int,
    step: int,
    earliest: int,
    latest: int,
) -> list[int]:
    """Aligned starts of a ``total``-second block fitting a range and a gap between blocks."""
    out: list[int] = []
    extend = out.extend
    n = len(blocked_starts)
    for range_start, range_end in ranges:
        gap_start = range_start if range_start >= earliest else earliest
        last_start = range_end - total
        if last_start > latest:
            last_start = latest
        if last_start < gap_start:
            continue
        # The first blocked interval that ends after gap_start, if it has begun already, pushes
        # the gap's start to its end; merged intervals never touch, so later ones start after.
        i = bisect_right(blocked_ends, gap_start)
        if i < n and blocked_starts[i] <= gap_start:
            gap_start = blocked_ends[i]
            i += 1
        while gap_start <= last_start:
            if i < n:
                gap_last = blocked_starts[i] - total
                if gap_last > last_start:
                    gap_last = last_start
            else:
                gap_last = last_start
            # First start aligned on range_start at or after gap_start.
            first = gap_start + (range_start - gap_start) % step
            if first <= gap_last:
                extend(range(first, gap_last + 1, step))
            if i >= n:
                break
            gap_start = blocked_ends[i]
            i += 1
    return out
