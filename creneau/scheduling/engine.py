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
are naive `time` objects.

Appointment. The requested services are done back to back by one staff member, each followed by
its buffer, so the block to place is ``sum(duration + buffer)`` minutes long, inner buffers
included. The block must lie inside ONE working range (two ranges that touch are not joined)
and overlap no busy interval (active bookings, already extended by their buffer), no time off
and no closure. Those three may come in any order and overlap each other.

Candidates. Inside a working range that starts at ``ws`` (UTC) the candidates are
``ws + k * slot_step`` for k >= 0, aligned to the start of the range rather than to the hour,
as long as the block ends by the end of the range. A candidate is offered only if
``now + min_notice <= start <= now + horizon_days``.

Errors. `Policy`, `ServiceSpec` and `StaffSchedule` check their fields when built, the functions
their arguments; bad input is a ValueError saying what is wrong. A naive datetime in ``busy`` or
``time_off`` is caught by the comparisons the walk makes anyway, at no extra cost.

Cost. Datetime arithmetic is exact (microseconds included) and comparing two datetimes that
share their tzinfo is cheap, while converting one to a number, building one or hashing one is
not: the engine works on the datetimes it is given and converts nothing per booking (it is
fastest when they use `datetime.UTC`, as Django's do). Per call, the UTC bounds of each working
range, with its first and last possible start, are computed once and shared by the staff
members working then. Per staff member, the blocked intervals are sorted once and merged only if
they overlap (checked in C); one pass then walks the working ranges and the blocked intervals
together, cutting each range into free gaps. A gap too short for the block costs a comparison;
a long enough one finds its first and last aligned start by bisect in a table of step multiples
and produces its starts in one go. Work grows with the number of ranges, intervals and starts
returned, never with the minutes in the period. `free_starts_anyone` merges the per-staff
starts in a dict keyed by epoch microseconds, so "anyone" costs the sum of the per-staff walks.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import accumulate, islice, repeat
from operator import itemgetter, le, lt

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
    `time` objects, ``start < end`` (checked at construction). ``time_off`` and
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
                    if not isinstance(t, time) or t.tzinfo is not None:
                        raise ValueError(
                            f"StaffSchedule {self.staff_id}: working hours must be naive "
                            f"times, got {t!r}"
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
    starts: list[datetime] = []
    if call.walk(staff, starts, None):
        starts = sorted(set(starts))
    return starts


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
    # Keyed by epoch microseconds: hashing an aware datetime costs more than finding it.
    # Visiting staff in id order appends each start's ids already sorted.
    by_key: dict[int, tuple[datetime, list[int]]] = {}
    get = by_key.get
    previous_id: int | None = None
    for schedule in sorted(staff, key=_staff_id):
        staff_id = schedule.staff_id
        if staff_id == previous_id:
            raise ValueError(f"staff_id {staff_id!r} appears twice in staff")
        previous_id = staff_id
        starts: list[datetime] = []
        keys: list[int] = []
        overlapping = call.walk(schedule, starts, keys)
        pairs: Iterable[tuple[int, datetime]] = zip(keys, starts, strict=True)
        if overlapping:
            pairs = sorted(dict(pairs).items())
        for key, start in pairs:
            entry = get(key)
            if entry is None:
                by_key[key] = (start, [staff_id])
            else:
                entry[1].append(staff_id)
    return [(start, tuple(ids)) for _, (start, ids) in sorted(by_key.items())]


def _staff_id(schedule: StaffSchedule) -> int:
    return schedule.staff_id


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_DAY = timedelta(days=1)
_ONE_MICROSECOND = timedelta(microseconds=1)
_MIDNIGHT = time(0)
_first = itemgetter(0)
_second = itemgetter(1)

# A working range of the call: (UTC start, first possible start, last possible start, UTC start
# in epoch microseconds). Possible: after notice, within the horizon, leaving room for the block.
_Range = tuple[datetime, datetime, datetime, int]


class _Call:
    """One engine call: the request checked and converted once, and what its staff share."""

    __slots__ = (
        "closures",
        "earliest",
        "first_date",
        "first_naive",
        "first_utc_wall",
        "last_date",
        "latest",
        "offsets",
        "range_by_local",
        "ranges_by_hours",
        "step",
        "step_us",
        "total",
        "tz",
        "wall_by_time",
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
            raise ValueError("services must hold at least one ServiceSpec")
        for service in services:
            if not isinstance(service, ServiceSpec):
                raise ValueError(f"services must hold ServiceSpec objects, got {service!r}")
        if not isinstance(now, datetime) or now.utcoffset() is None:
            raise ValueError(f"now must be an aware datetime, got {now!r}")
        if not isinstance(tz, tzinfo):
            raise ValueError(f"tz must be a time zone such as ZoneInfo('Europe/Paris'), got {tz!r}")
        for name, value in (("start_date", start_date), ("end_date", end_date)):
            if not isinstance(value, date) or isinstance(value, datetime):
                raise ValueError(f"{name} must be a date, got {value!r}")
        if end_date < start_date:
            raise ValueError(f"end_date {end_date} is before start_date {start_date}")
        self.closures = list(closures)
        for interval in self.closures:
            if any(not isinstance(t, datetime) or t.utcoffset() is None for t in interval):
                raise ValueError(f"closures must hold aware datetimes, got {interval!r}")

        self.tz = tz
        self.step = timedelta(minutes=policy.slot_step_minutes)
        self.step_us = policy.slot_step_minutes * 60_000_000
        self.total = timedelta(minutes=sum(s.duration_minutes + s.buffer_minutes for s in services))
        now = now.astimezone(UTC)
        self.earliest = now + timedelta(minutes=policy.min_notice_minutes)
        try:
            self.latest = now + timedelta(days=policy.horizon_days)
        except OverflowError:
            self.latest = datetime.max.replace(tzinfo=UTC)
        self.ranges_by_hours: dict[tuple[object, ...], tuple[list[_Range], bool]] = {}
        self.range_by_local: dict[
            tuple[date, time, time], tuple[datetime, datetime, _Range | None]
        ] = {}
        self.wall_by_time: dict[time, timedelta] = {}
        # k * step for k = 0, 1, ... beyond the longest range seen (see `_walk`).
        self.offsets = [timedelta(0), self.step]

        # Only dates whose working hours can reach [earliest, latest] are worth converting: a
        # day's ranges lie within a day of its local midnight, whatever the offset changes.
        first, last = start_date, end_date
        try:
            first = max(first, self.earliest.astimezone(tz).date() - _ONE_DAY)
            last = min(last, self.latest.astimezone(tz).date() + _ONE_DAY)
        except OverflowError:
            pass  # near date.min or date.max: keep the dates asked for, the filters still hold
        self.first_date = first
        self.last_date = last
        # Local midnight of the first date as a naive datetime, and the same wall-clock reading
        # labelled UTC: adding a timedelta to either is far cheaper than building a datetime.
        self.first_naive = datetime.combine(first, _MIDNIGHT)
        self.first_utc_wall = self.first_naive.replace(tzinfo=UTC)

    def walk(self, staff: StaffSchedule, starts: list[datetime], keys: list[int] | None) -> bool:
        """Append the free starts of one staff member to ``starts`` (and to ``keys`` as epoch
        microseconds when given), in order unless it returns True: then the staff member's
        working ranges overlap, and the starts must be sorted and deduplicated."""
        if self.first_date > self.last_date or self.earliest > self.latest:
            return False
        ranges, overlapping = self._ranges(staff.weekly_hours)
        blocked = [*self.closures, *staff.busy, *staff.time_off]
        try:
            blocked_starts, blocked_ends = _disjoint(blocked)
            _walk(ranges, blocked_starts, blocked_ends, self, starts, keys)
        except TypeError as error:
            # Each blocked interval is compared with a neighbour and with the aware working
            # ranges, so a naive datetime fails here instead of being taken for UTC: this is
            # the check, at no cost when the input is right.
            raise ValueError(
                f"busy and time_off of staff {staff.staff_id!r} must be intervals of aware "
                f"datetimes ({error})"
            ) from error
        return overlapping

    def _ranges(
        self, weekly_hours: Mapping[int, Sequence[tuple[time, time]]]
    ) -> tuple[list[_Range], bool]:
        """The call's working ranges that can hold a start, in order, and whether any two
        overlap. Computed once per call for each distinct set of weekly hours.
        """
        key = tuple(sorted((day, tuple(map(tuple, hours))) for day, hours in weekly_hours.items()))
        cached = self.ranges_by_hours.get(key)
        if cached is not None:
            return cached
        by_weekday = {weekday: sorted(hours) for weekday, hours in key if hours}
        ranges: list[_Range] = []
        overlapping = False
        previous_end = _EPOCH
        longest = timedelta(0)
        day = self.first_date
        while True:
            for local_start, local_end in by_weekday.get(day.weekday(), ()):
                start, end, entry = self._range(day, local_start, local_end)
                if start < end:
                    # Overlapping hours (or a time zone changing its offset around midnight)
                    # can offer one start twice or out of order: the caller then sorts.
                    if start < previous_end:
                        overlapping = True
                    previous_end = max(previous_end, end)
                if entry is not None:
                    ranges.append(entry)
                    longest = max(longest, entry[2] - entry[0])
            if day == self.last_date:
                break  # before stepping, so that date.max is not exceeded
            day += _ONE_DAY
        offsets = self.offsets
        if offsets[-1] <= longest:
            count = longest // self.step + 2 - len(offsets)
            offsets.extend(accumulate(repeat(self.step, count), initial=offsets[-1] + self.step))
        self.ranges_by_hours[key] = (ranges, overlapping)
        return ranges, overlapping

    def _range(
        self, day: date, local_start: time, local_end: time
    ) -> tuple[datetime, datetime, _Range | None]:
        """A working range's UTC start and end, and its entry for `_walk` (None when it cannot
        hold a start). Shared by the staff members working then."""
        key = (day, local_start, local_end)
        cached = self.range_by_local.get(key)
        if cached is not None:
            return cached
        start = self._utc(day, local_start)
        end = self._utc(day, local_end)
        lowest = start if start >= self.earliest else self.earliest
        highest = min(end - self.total, self.latest)
        entry = None
        if lowest <= highest:
            entry = (start, lowest, highest, (start - _EPOCH) // _ONE_MICROSECOND)
        self.range_by_local[key] = (start, end, entry)
        return start, end, entry

    def _utc(self, day: date, local: time) -> datetime:
        """The UTC instant of a local wall-clock time.

        Equal to ``datetime.combine(day, local, tzinfo=tz).astimezone(UTC)`` (fold=0: the
        offset in force before a transition, for a local time that does not exist or exists
        twice), for a third of its cost: the offset is read from a naive twin.
        """
        wall = self.wall_by_time.get(local)
        if wall is None:
            wall = datetime.combine(self.first_date, local) - self.first_naive
            self.wall_by_time[local] = wall
        shift = (day - self.first_date) + wall
        naive = self.first_naive + shift
        offset = self.tz.utcoffset(naive)
        if offset is None:
            raise ValueError(f"tz {self.tz!r} gives no UTC offset for {naive}")
        return self.first_utc_wall + shift - offset


def _disjoint(intervals: list[Interval]) -> tuple[list[datetime], list[datetime]]:
    """Blocked intervals as sorted starts and ends, pairwise disjoint (touching allowed).

    Bookings of one staff member already are (the database forbids overlaps), so the common
    case is a sort and two checks done in C; otherwise overlaps are merged, empty intervals
    dropped and reversed ones refused.
    """
    intervals.sort()
    starts = list(map(_first, intervals))
    ends = list(map(_second, intervals))
    if all(map(lt, starts, ends)) and all(map(le, ends, islice(starts, 1, None))):
        return starts, ends
    starts, ends = [], []
    for start, end in intervals:
        if end <= start:
            if end < start:
                raise ValueError(f"an interval ends before it starts: {start} - {end}")
            continue  # an empty interval blocks nothing
        if ends and start <= ends[-1]:
            if end > ends[-1]:
                ends[-1] = end
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _walk(
    ranges: list[_Range],
    blocked_starts: list[datetime],
    blocked_ends: list[datetime],
    call: _Call,
    starts: list[datetime],
    keys: list[int] | None,
) -> None:
    """Append the aligned starts whose block fits a range and meets no blocked interval.

    Each range is cut into free gaps by the blocked intervals inside it; only a gap long enough
    for the block costs arithmetic, and its starts are produced in one go.
    """
    total = call.total
    step = call.step
    step_us = call.step_us
    offsets = call.offsets
    extend = starts.extend
    n = len(blocked_starts)
    i = 0
    for range_start, lowest, highest, range_key in ranges:
        # i: the first blocked interval ending after `lowest` (one ending exactly then does not
        # block it). Ranges come in order, so i mostly stays or moves forward a little; it moves
        # back only when working ranges overlap.
        if i < n and blocked_ends[i] <= lowest:
            i = bisect_right(blocked_ends, lowest, i)
        elif i and blocked_ends[i - 1] > lowest:
            i = bisect_right(blocked_ends, lowest)
        gap_start = lowest
        if i < n and blocked_starts[i] <= gap_start:
            gap_start = blocked_ends[i]
            i += 1
        while gap_start <= highest:
            # The gap runs to the next blocked start; a start must leave room for the block.
            gap_last = highest
            if i < n:
                gap_last = blocked_starts[i] - total
                if gap_last > highest:
                    gap_last = highest
            if gap_last >= gap_start:
                # Candidates are range_start + offsets[k]: bisect finds the first and last k in
                # the gap (cheaper than dividing timedeltas).
                first = bisect_left(offsets, gap_start - range_start)
                last = bisect_right(offsets, gap_last - range_start) - 1
                if first <= last:
                    first_start = range_start + offsets[first]
                    # No func: operator.add would cost a call per slot.
                    extend(accumulate(repeat(step, last - first), initial=first_start))  # type: ignore[arg-type]  # typeshed: one type for steps and start; datetime + timedelta is a datetime
                    if keys is not None:
                        keys.extend(
                            range(
                                range_key + first * step_us,
                                range_key + last * step_us + 1,
                                step_us,
                            )
                        )
            if i == n or gap_last == highest:
                # Nothing blocked is left, or interval i begins too late to matter in this
                # range (it may in the next one: i stays).
                break
            gap_start = blocked_ends[i]
            i += 1
