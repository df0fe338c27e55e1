"""The engine against a slow, obvious reference on random salons, around DST changes.

The reference below shares no code with the engine: for each local date and working range it
steps through the candidates and checks, minute by minute, that the whole appointment is inside
the range and in no blocked interval. Every generated instant is on a whole minute (except
"now"), so checking minutes is exact.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from creneau.scheduling.engine import (
    Policy,
    ServiceSpec,
    StaffSchedule,
    free_starts,
    free_starts_anyone,
)

ZONES = [ZoneInfo("Europe/Paris"), ZoneInfo("America/New_York"), ZoneInfo("Pacific/Auckland")]
# Both 2026 European changes, and New York's and Auckland's.
CHANGE_DAYS = [
    date(2026, 3, 29),
    date(2026, 10, 25),
    date(2026, 3, 8),
    date(2026, 11, 1),
    date(2026, 4, 5),
    date(2026, 9, 27),
]
STEPS = [5, 10, 15, 20, 30, 60]
MINUTE = timedelta(minutes=1)
# Four days out of five; sampled_from shrinks towards its first element, a working day.
WORKS_THAT_DAY = st.sampled_from([True, True, True, True, False])

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, database=None)


# --- The reference -------------------------------------------------------------------------------


def reference_free_starts(
    *, staff, services, start_date, end_date, tz, policy, now, closures=()
) -> list[datetime]:
    total = sum(s.duration_minutes + s.buffer_minutes for s in services)
    step = timedelta(minutes=policy.slot_step_minutes)
    earliest = now + timedelta(minutes=policy.min_notice_minutes)
    latest = now + timedelta(days=policy.horizon_days)
    blocked_minutes = set()
    for start, end in [*staff.busy, *staff.time_off, *closures]:
        moment = start
        while moment < end:
            blocked_minutes.add(moment)
            moment += MINUTE

    found = set()
    day = start_date
    while day <= end_date:
        for local_start, local_end in staff.weekly_hours.get(day.weekday(), ()):
            range_start = datetime.combine(day, local_start, tzinfo=tz).astimezone(UTC)
            range_end = datetime.combine(day, local_end, tzinfo=tz).astimezone(UTC)
            candidate = range_start
            while candidate + timedelta(minutes=total) <= range_end:
                minutes = [candidate + k * MINUTE for k in range(total)]
                if (
                    earliest <= candidate <= latest
                    and all(range_start <= m < range_end for m in minutes)
                    and not any(m in blocked_minutes for m in minutes)
                ):
                    found.add(candidate)
                candidate += step
        day += timedelta(days=1)
    return sorted(found)


# --- Random salons -------------------------------------------------------------------------------


@st.composite
def day_hours(draw):
    """1 to 3 ranges in a day, with breaks (sometimes none: two ranges may touch)."""
    count = draw(st.integers(1, 3))
    marks = sorted(
        draw(st.sets(st.integers(0, 24 * 60 - 1), min_size=2 * count, max_size=2 * count))
    )
    ranges = []
    for i in range(count):
        start, end = marks[2 * i], marks[2 * i + 1]
        if ranges and draw(st.booleans()) and draw(st.booleans()):
            start = ranges[-1][1]  # touching the previous range, no break
        ranges.append((start, end))
    return [(time(s // 60, s % 60), time(e // 60, e % 60)) for s, e in ranges]


@st.composite
def intervals(draw, window_start, window_minutes, max_count, max_length):
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, window_minutes), st.integers(0, max_length)),
            min_size=max_count // 3,
            max_size=max_count,
        )
    )
    return [
        (
            window_start + timedelta(minutes=offset),
            window_start + timedelta(minutes=offset + length),
        )
        for offset, length in pairs
    ]


@st.composite
def scenarios(draw, staff_count=1):
    tz = draw(st.sampled_from(ZONES))
    start_date = draw(st.sampled_from(CHANGE_DAYS)) + timedelta(days=draw(st.integers(-2, 1)))
    end_date = start_date + timedelta(days=draw(st.integers(0, 2)))
    # A UTC window around the local dates, wide enough for any offset.
    window_start = datetime.combine(start_date, time(0), tzinfo=UTC) - timedelta(hours=14)
    window_minutes = ((end_date - start_date).days + 1) * 24 * 60 + 28 * 60

    staff = []
    for staff_id in draw(
        st.lists(st.integers(1, 50), min_size=staff_count, max_size=staff_count, unique=True)
    ):
        weekly_hours = {weekday: draw(day_hours()) for weekday in range(7) if draw(WORKS_THAT_DAY)}
        staff.append(
            StaffSchedule(
                staff_id=staff_id,
                weekly_hours=weekly_hours,
                busy=draw(intervals(window_start, window_minutes, 30, 180)),
                time_off=draw(intervals(window_start, window_minutes, 2, 600)),
            )
        )
    services = [
        ServiceSpec(
            duration_minutes=draw(st.integers(5, 90)),
            buffer_minutes=draw(st.sampled_from([0, 0, 5, 10, 15])),
        )
        for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3])))
    ]
    policy = Policy(
        slot_step_minutes=draw(st.sampled_from(STEPS)),
        min_notice_minutes=draw(st.sampled_from([0, 30, 60, 10 * 60])),
        horizon_days=draw(st.sampled_from([7, 3, 2, 1])),
    )
    # "now" from two days before the window to a day into it, with seconds, as a clock has.
    now = window_start + timedelta(
        minutes=draw(st.integers(-2 * 24 * 60, 24 * 60)),
        microseconds=draw(st.integers(0, 59_999_999)),
    )
    return {
        "staff": staff if staff_count > 1 else staff[0],
        "services": services,
        "start_date": start_date,
        "end_date": end_date,
        "tz": tz,
        "policy": policy,
        "now": now,
        "closures": draw(intervals(window_start, window_minutes, 2, 300)),
    }


# --- Properties ----------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(scenarios())
def test_it_offers_exactly_the_starts_of_the_minute_by_minute_reference(scenario):
    assert free_starts(**scenario) == reference_free_starts(**scenario)


@PROPERTY_SETTINGS
@given(scenarios())
def test_every_start_fits_working_hours_overlaps_nothing_and_respects_the_policy(scenario):
    staff, tz, policy, now = scenario["staff"], scenario["tz"], scenario["policy"], scenario["now"]
    total = timedelta(
        minutes=sum(s.duration_minutes + s.buffer_minutes for s in scenario["services"])
    )
    blocked = [*staff.busy, *staff.time_off, *scenario["closures"]]

    result = free_starts(**scenario)

    assert result == sorted(set(result))
    for start in result:
        end = start + total
        assert start.tzinfo is UTC
        assert now + timedelta(minutes=policy.min_notice_minutes) <= start
        assert start <= now + timedelta(days=policy.horizon_days)
        # (An empty interval blocks nothing.)
        assert not any(
            b_start < end and start < b_end and b_start < b_end for b_start, b_end in blocked
        )
        local_date = start.astimezone(tz).date()
        fitting_ranges = [
            (range_start, range_end)
            for day in (local_date - timedelta(days=1), local_date)
            if scenario["start_date"] <= day <= scenario["end_date"]
            for t0, t1 in staff.weekly_hours.get(day.weekday(), ())
            for range_start, range_end in [
                (datetime.combine(day, t0, tzinfo=tz), datetime.combine(day, t1, tzinfo=tz))
            ]
            if range_start <= start
            and end <= range_end
            and (start - range_start) % timedelta(minutes=policy.slot_step_minutes) == timedelta(0)
        ]
        assert fitting_ranges, f"{start} is in no working range"


@settings(PROPERTY_SETTINGS, max_examples=100)
@given(scenarios(staff_count=3))
def test_anyone_is_the_union_of_each_staff_members_starts_with_their_ids(scenario):
    team = scenario.pop("staff")
    per_member = {member.staff_id: set(free_starts(staff=member, **scenario)) for member in team}

    result = free_starts_anyone(staff=team, **scenario)

    expected = sorted(set().union(*per_member.values()))
    assert [start for start, _ in result] == expected
    for start, ids in result:
        assert ids == tuple(sorted(i for i, starts in per_member.items() if start in starts))
