"""Small builders shared by the engine tests: local wall-clock times in, UTC datetimes out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from creneau.scheduling.engine import (
    Interval,
    Policy,
    ServiceSpec,
    StaffSchedule,
    free_starts,
    free_starts_anyone,
)

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")

EVERY_DAY = range(7)
# A policy and a "now" that get out of the way: every 15 minutes, no notice, 10 years ahead.
OPEN_POLICY = Policy(slot_step_minutes=15, min_notice_minutes=0, horizon_days=3650)
LONG_AGO = datetime(2025, 1, 1, tzinfo=UTC)


def local(day: date, hhmm: str, tz: ZoneInfo = PARIS) -> datetime:
    """The UTC instant of a local wall-clock time (fold=0, as the engine reads hours)."""
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=tz).astimezone(UTC)


def span(day: date, start: str, end: str, tz: ZoneInfo = PARIS) -> Interval:
    """A UTC interval from two local wall-clock times of one day."""
    return (local(day, start, tz), local(day, end, tz))


def hours(*ranges: str, weekdays: Sequence[int] = EVERY_DAY) -> dict[int, list[tuple[time, time]]]:
    """Weekly hours from "09:00-12:00" strings, the same on each of ``weekdays``."""
    parsed = []
    for text in ranges:
        start, end = text.split("-")
        parsed.append((time.fromisoformat(start), time.fromisoformat(end)))
    return {weekday: list(parsed) for weekday in weekdays}


def staff(
    *ranges: str,
    staff_id: int = 1,
    busy: Sequence[Interval] = (),
    time_off: Sequence[Interval] = (),
    weekdays: Sequence[int] = EVERY_DAY,
) -> StaffSchedule:
    return StaffSchedule(
        staff_id=staff_id,
        weekly_hours=hours(*ranges, weekdays=weekdays),
        time_off=time_off,
        busy=busy,
    )


def starts(
    schedule: StaffSchedule,
    day: date,
    *,
    minutes: int | Sequence[tuple[int, int]] = 60,
    end_date: date | None = None,
    tz: ZoneInfo = PARIS,
    policy: Policy = OPEN_POLICY,
    now: datetime = LONG_AGO,
    closures: Sequence[Interval] = (),
) -> list[datetime]:
    """`free_starts` for one service of ``minutes`` (or (duration, buffer) pairs) on ``day``."""
    return free_starts(
        staff=schedule,
        services=services(minutes),
        start_date=day,
        end_date=end_date or day,
        tz=tz,
        policy=policy,
        now=now,
        closures=closures,
    )


def starts_anyone(
    schedules: Sequence[StaffSchedule],
    day: date,
    *,
    minutes: int | Sequence[tuple[int, int]] = 60,
    tz: ZoneInfo = PARIS,
    policy: Policy = OPEN_POLICY,
    now: datetime = LONG_AGO,
    closures: Sequence[Interval] = (),
) -> list[tuple[datetime, tuple[int, ...]]]:
    return free_starts_anyone(
        staff=schedules,
        services=services(minutes),
        start_date=day,
        end_date=day,
        tz=tz,
        policy=policy,
        now=now,
        closures=closures,
    )


def services(minutes: int | Sequence[tuple[int, int]]) -> list[ServiceSpec]:
    if isinstance(minutes, int):
        return [ServiceSpec(duration_minutes=minutes)]
    return [ServiceSpec(duration_minutes=d, buffer_minutes=b) for d, b in minutes]


def wall_clock(moments: Sequence[datetime], tz: ZoneInfo = PARIS) -> list[str]:
    """Local "HH:MM" readings, to state expectations as a salon would."""
    return [moment.astimezone(tz).strftime("%H:%M") for moment in moments]
