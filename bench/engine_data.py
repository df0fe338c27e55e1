"""The availability benchmark's data set: one salon, 10 staff, 30 days, about 60 % booked.

Deterministic (``random.Random(seed)``) and plain data only (dates, times, UTC datetimes,
ints), so the engine benchmark and the Django-level benchmark (which bulk-inserts it) measure
the same salon. The 30 local days 2026-10-10..2026-11-08 in Europe/Paris cross the end of
daylight-saving time on 2026-10-25.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

TIME_ZONE = "Europe/Paris"
START_DATE = date(2026, 10, 10)
END_DATE = date(2026, 11, 8)
NOW = datetime(2026, 10, 9, 8, 0, tzinfo=UTC)
STAFF_COUNT = 10
POLICY = {"slot_step_minutes": 15, "min_notice_minutes": 60, "horizon_days": 60}
SERVICE = {"duration_minutes": 45, "buffer_minutes": 5}

# Tuesday to Saturday, with a lunch break; some staff also work on Monday.
DAY_RANGES = ((time(9, 0), time(12, 30)), (time(13, 30), time(19, 0)))
WORKDAYS = (1, 2, 3, 4, 5)
MONDAY = 0

APPOINTMENT_MINUTES = (30, 35, 40, 45, 50, 55, 60)
BUFFER_MINUTES = (0, 5, 10)
IDLE_MINUTES = (15, 30, 45)
# Chance that the next free moment of a range gets a booking rather than idle time; tuned so
# that about 60 % of the working time (buffers included) is booked.
BOOK_CHANCE = 0.6


def make_dataset(seed: int = 42) -> dict[str, Any]:
    """The data set as a dict of plain values.

    Keys: ``time_zone`` (name), ``start_date`` / ``end_date`` (local dates, inclusive), ``now``
    (UTC), ``policy`` and ``service`` (dicts of the engine's field names), ``closures``
    (list of (start_utc, end_utc)), ``staff`` (list of {"index", "name", "weekly_hours":
    {weekday: [(time, time), ...]}}), ``time_off`` (list of (staff_index, start_utc, end_utc)),
    ``bookings`` (list of (staff_index, start_utc, end_utc, buffer_minutes), end without the
    buffer), ``booked_fraction`` (booked time with buffers / working time, off days excluded).
    """
    rng = random.Random(seed)
    tz = ZoneInfo(TIME_ZONE)
    days = [START_DATE + timedelta(days=n) for n in range((END_DATE - START_DATE).days + 1)]

    staff = []
    for index in range(STAFF_COUNT):
        weekdays = (MONDAY, *WORKDAYS) if rng.random() < 0.4 else WORKDAYS
        staff.append(
            {
                "index": index,
                "name": f"Staff {index + 1}",
                "weekly_hours": {weekday: list(DAY_RANGES) for weekday in weekdays},
            }
        )

    def utc(day: date, at: time) -> datetime:
        return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)

    time_off: list[tuple[int, datetime, datetime]] = []
    for member in staff:
        kind = rng.random()
        working_days = [d for d in days if d.weekday() in member["weekly_hours"]]
        if kind < 0.3:
            # A whole day off.
            day = rng.choice(working_days)
            time_off.append((member["index"], utc(day, time(0)), utc(day + timedelta(1), time(0))))
        elif kind < 0.6:
            # An afternoon off.
            day = rng.choice(working_days)
            time_off.append((member["index"], utc(day, time(13, 30)), utc(day, time(19, 0))))

    bookings: list[tuple[int, datetime, datetime, int]] = []
    working_seconds = 0.0
    booked_seconds = 0.0
    for member in staff:
        index = member["index"]
        own_off = [(s, e) for i, s, e in time_off if i == index]
        for day in days:
            for t0, t1 in member["weekly_hours"].get(day.weekday(), ()):
                start, end = utc(day, t0), utc(day, t1)
                if any(s < end and start < e for s, e in own_off):
                    continue
                working_seconds += (end - start).total_seconds()
                cursor = start
                while cursor < end:
                    if rng.random() < BOOK_CHANCE:
                        minutes = rng.choice(APPOINTMENT_MINUTES)
                        buffer = rng.choice(BUFFER_MINUTES)
                        booking_end = cursor + timedelta(minutes=minutes)
                        blocked_end = booking_end + timedelta(minutes=buffer)
                        if blocked_end <= end:
                            bookings.append((index, cursor, booking_end, buffer))
                            booked_seconds += (blocked_end - cursor).total_seconds()
                            # Bookings start on the quarter hour, as a salon's agenda does.
                            cursor = _next_quarter(blocked_end)
                            continue
                    cursor += timedelta(minutes=rng.choice(IDLE_MINUTES))

    return {
        "time_zone": TIME_ZONE,
        "start_date": START_DATE,
        "end_date": END_DATE,
        "now": NOW,
        "policy": dict(POLICY),
        "service": dict(SERVICE),
        "closures": [],
        "staff": staff,
        "time_off": time_off,
        "bookings": bookings,
        "booked_fraction": booked_seconds / working_seconds,
    }


def _next_quarter(moment: datetime) -> datetime:
    past = (moment.minute % 15) * 60 + moment.second
    return moment if past == 0 else moment + timedelta(seconds=15 * 60 - past)


if __name__ == "__main__":
    data = make_dataset()
    print(
        f"{len(data['staff'])} staff, {len(data['bookings'])} bookings, "
        f"{len(data['time_off'])} time off, booked {data['booked_fraction']:.0%}"
    )
