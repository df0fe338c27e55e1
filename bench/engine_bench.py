"""Benchmark of the pure availability engine (no Django, no database).

    python -m bench.engine_bench

Prints median and p90 wall time per call, in ms, and the number of slots returned, for one
staff member and for "anyone" (10 staff) over one day and over 30 days, on the
`bench.engine_data` salon (about 60 % booked, across the end of summer time). Budget
(DESIGN.md, "Budgets"): "anyone", 10 staff, 30 days under 5 ms median. `run()` returns
(name, median ms) pairs for a bench runner.
"""

from __future__ import annotations

import statistics
import time as clock_module
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bench.engine_data import make_dataset
from creneau.scheduling.engine import (
    Policy,
    ServiceSpec,
    StaffSchedule,
    free_starts,
    free_starts_anyone,
)

BUDGET_ANYONE_MS = 5.0
BUDGET_CASE = "engine: anyone, 10 staff, 30 days"
ONE_DAY = date(2026, 10, 28)  # a Wednesday, after the change of time; everyone works


def schedules_from(dataset: dict[str, Any]) -> list[StaffSchedule]:
    """The engine's view of the data set: busy = each booking extended by its buffer."""
    busy: dict[int, list[tuple[Any, Any]]] = {m["index"]: [] for m in dataset["staff"]}
    for index, start, end, buffer_minutes in dataset["bookings"]:
        busy[index].append((start, end + timedelta(minutes=buffer_minutes)))
    time_off: dict[int, list[tuple[Any, Any]]] = {m["index"]: [] for m in dataset["staff"]}
    for index, start, end in dataset["time_off"]:
        time_off[index].append((start, end))
    return [
        StaffSchedule(
            staff_id=member["index"] + 1,
            weekly_hours=member["weekly_hours"],
            time_off=time_off[member["index"]],
            busy=busy[member["index"]],
        )
        for member in dataset["staff"]
    ]


def cases(dataset: dict[str, Any] | None = None) -> list[tuple[str, Callable[[], list[Any]]]]:
    """(name, zero-argument call) for each measured case; inputs are built beforehand."""
    data = dataset if dataset is not None else make_dataset()
    staff = schedules_from(data)
    common: dict[str, Any] = {
        "services": [ServiceSpec(**data["service"])],
        "tz": ZoneInfo(data["time_zone"]),
        "policy": Policy(**data["policy"]),
        "now": data["now"],
        "closures": data["closures"],
    }
    first, last = data["start_date"], data["end_date"]
    days = (last - first).days + 1
    # For one day the loader reads only that day's bookings, as `bookings.availability` does.
    day_start = datetime.combine(ONE_DAY, time(0), tzinfo=common["tz"])
    day_end = day_start + timedelta(days=1)
    one_day_team = [
        replace(member, busy=[(s, e) for s, e in member.busy if s < day_end and e > day_start])
        for member in staff
    ]

    def one_staff_one_day() -> list[Any]:
        return free_starts(staff=one_day_team[0], start_date=ONE_DAY, end_date=ONE_DAY, **common)

    def anyone_one_day() -> list[Any]:
        return free_starts_anyone(
            staff=one_day_team, start_date=ONE_DAY, end_date=ONE_DAY, **common
        )

    def one_staff_all_days() -> list[Any]:
        return free_starts(staff=staff[0], start_date=first, end_date=last, **common)

    def anyone_all_days() -> list[Any]:
        return free_starts_anyone(staff=staff, start_date=first, end_date=last, **common)

    return [
        ("engine: 1 staff, 1 day", one_staff_one_day),
        (f"engine: anyone, {len(staff)} staff, 1 day", anyone_one_day),
        (f"engine: 1 staff, {days} days", one_staff_all_days),
        (BUDGET_CASE, anyone_all_days),
    ]


def measure(call: Callable[[], object], *, min_seconds: float = 1.0) -> tuple[float, float, int]:
    """Median and p90 of one call in ms, over at least 50 calls and about ``min_seconds``, and
    the number of calls timed. Each call starts from scratch: the engine keeps no state."""
    for _ in range(5):  # warm-up: imports, allocator
        call()
    timings: list[float] = []
    clock = clock_module.perf_counter
    deadline = clock() + min_seconds
    while len(timings) < 50 or clock() < deadline:
        started = clock()
        call()
        timings.append((clock() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9)], len(timings)


def run() -> list[tuple[str, float]]:
    """(name, median ms) for each case."""
    return [(name, measure(call)[0]) for name, call in cases()]


def main() -> None:
    data = make_dataset()
    print(
        f"data: {len(data['staff'])} staff, {len(data['bookings'])} bookings, "
        f"{data['booked_fraction']:.0%} of working time booked, "
        f"{data['start_date']}..{data['end_date']} {data['time_zone']}"
    )
    print(f"{'case':<36} {'median ms':>10} {'p90 ms':>8} {'calls':>7} {'slots':>6}")
    for name, call in cases(data):
        median, p90, calls = measure(call)
        print(f"{name:<36} {median:>10.3f} {p90:>8.3f} {calls:>7} {len(call()):>6}")
        if name == BUDGET_CASE:
            verdict = "within" if median < BUDGET_ANYONE_MS else "OVER"
            print(f"  budget {BUDGET_ANYONE_MS} ms median: {verdict}")


if __name__ == "__main__":
    main()
