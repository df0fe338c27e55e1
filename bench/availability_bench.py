"""Availability benchmark in process: the engine alone, the engine with its database load,
and the slot and salon pages through Django's test client.

    python -m bench.availability_bench      # or: python -m bench availability

Data: the bench salon of `bench.availability_db` (the engine benchmark's 10 staff, 30 days,
about 60 % booked, moved to the coming weeks) among 200 demo salons, SQLite under var/bench/.
Each case is timed over at least 50 calls and about a second after a warm-up; medians and p90
in ms, and the SQL queries of one call. "engine" cases get their inputs built beforehand
(from the same data set, so they find the same starts); "db + engine" cases are
`availability_for` with the salon's offer already loaded (what the slot page does), so three
queries, parsing the rows and the engine. Pages are GETs through the test client with
DEBUG off: URL routing, middleware, queries, engine and template rendering, no network. An
anonymous visitor after the first in a minute gets the page kept by `web.page_cache` (the
"(test client)" cases); the "rendered" cases empty that cache before each GET, which is what a
logged-in customer, or the first visitor after a change to the salon, costs.

Budgets (DESIGN.md): "anyone", 10 staff, 30 days: engine under 5 ms, with the database load
under 30 ms; one day's slot page under 10 ms with at most 6 queries. `run()` returns
(name, median ms, note) for `python -m bench`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bench import availability_db

availability_db.configure()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.engine_bench import measure, schedules_from  # noqa: E402
from creneau.bookings.availability import (  # noqa: E402
    availability_for,
    next_free_starts,
    salon_offer,
)
from creneau.catalog.models import Business, Service  # noqa: E402
from creneau.scheduling.engine import (  # noqa: E402
    Policy,
    ServiceSpec,
    free_starts,
    free_starts_anyone,
)

BUDGETS_MS = {
    "engine: anyone, 10 staff, 30 days": 5.0,
    "db + engine: anyone, 10 staff, 30 days": 30.0,
    "slot page, one day (test client)": 10.0,
    "slot page, one day, rendered": 10.0,
}
MAX_SLOT_PAGE_QUERIES = 6


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def queries_of(call: Callable[[], Any]) -> tuple[int, Any]:
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        result = call()
    return counter.count, result


def cases(now: datetime) -> list[tuple[str, Callable[[], Any]]]:
    """(name, zero-argument call) for each case, inputs loaded beforehand."""
    salon = availability_db.ensure_database(timezone.localdate(now))
    data = availability_db.shifted_dataset(timezone.localdate(now))
    business = Business.objects.get(pk=salon.business_id)
    service = Service.objects.get(pk=salon.service_id)
    offer = salon_offer(business)
    first_member = offer.staff[salon.staff_ids[0]]
    tz = ZoneInfo(business.timezone)
    first, last, day = salon.start_date, salon.end_date, salon.one_day

    # The engine's inputs as the loader builds them: the database's staff ids, time off and
    # bookings in one busy list.
    staff = [
        replace(
            schedule,
            staff_id=salon.staff_ids[schedule.staff_id - 1],
            busy=[*schedule.busy, *schedule.time_off],
            time_off=(),
        )
        for schedule in schedules_from(data)
    ]
    day_start = datetime.combine(day, time(0), tzinfo=tz)
    day_end = day_start + timedelta(days=1)
    one_day_team = [
        replace(member, busy=[(s, e) for s, e in member.busy if s < day_end and e > day_start])
        for member in staff
    ]
    common: dict[str, Any] = {
        "services": [ServiceSpec(service.duration_minutes, service.buffer_minutes)],
        "tz": tz,
        "policy": Policy(**data["policy"]),
        "now": now,
        "closures": [],
    }

    def loaded(**kwargs: Any) -> Callable[[], Any]:
        return lambda: (
            availability_for(
                business=business, services=[service], now=now, offer=offer, **kwargs
            ).slots
        )

    client = Client()
    return [
        (
            "engine: 1 staff, 1 day",
            lambda: free_starts(staff=one_day_team[0], start_date=day, end_date=day, **common),
        ),
        (
            "engine: 1 staff, 30 days",
            lambda: free_starts(staff=staff[0], start_date=first, end_date=last, **common),
        ),
        (
            "engine: anyone, 10 staff, 30 days",
            lambda: free_starts_anyone(staff=staff, start_date=first, end_date=last, **common),
        ),
        (
            "db + engine: 1 staff, 1 day",
            loaded(start_date=day, end_date=day, staff=first_member),
        ),
        (
            "db + engine: 1 staff, 30 days",
            loaded(start_date=first, end_date=last, staff=first_member),
        ),
        ("db + engine: anyone, 10 staff, 1 day", loaded(start_date=day, end_date=day)),
        ("db + engine: anyone, 10 staff, 30 days", loaded(start_date=first, end_date=last)),
        (
            "db + engine: next 3 free starts, 14 days",
            lambda: next_free_starts(business=business, service=service, now=now),
        ),
        ("slot page, one day (test client)", lambda: client.get(salon.slots_url(day))),
        ("slot page, one day, rendered", rendered(salon.slots_url(day))),
        ("salon page, bench salon (test client)", lambda: client.get(salon.url)),
        ("salon page, bench salon, rendered", rendered(salon.url)),
        ("salon page, demo salon (test client)", lambda: client.get(salon.demo_salon_url)),
    ]


def rendered(url: str) -> Callable[[], Any]:
    """The page as rendered for a visitor who cannot be given a kept one (logged in, or the
    first in this minute since the salon changed): the page cache emptied before each GET."""
    client = Client()
    pages = caches["pages"]

    def get() -> Any:
        pages.clear()
        return client.get(url)

    return get


def run() -> list[tuple[str, float, str]]:
    # Production-like: no query log, no template debug information (see bench/search_bench.py).
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    now = timezone.now()
    measured = cases(now)
    salon = availability_db.ensure_database(timezone.localdate(now))
    print(
        f"Availability in process, SQLite: bench salon of 10 staff, {salon.bookings} bookings, "
        f"{salon.start_date}..{salon.end_date}, one day {salon.one_day}; "
        f"now {now:%Y-%m-%d %H:%M} UTC"
    )
    print(f"{'case':<42}{'median ms':>10}{'p90 ms':>9}{'calls':>7}{'queries':>8}  result")
    results: list[tuple[str, float, str]] = []
    outputs: dict[str, Any] = {}
    for name, call in measured:
        call()  # warm: the queries counted are those of a call like the ones timed
        queries, output = queries_of(call)
        if hasattr(output, "status_code"):
            if output.status_code != 200:
                raise SystemExit(f"{name}: status {output.status_code}")
            shown = "200"
        else:
            shown = f"{len(output)} starts"
        outputs[name] = output
        median, p90, calls = measure(call)
        budget = BUDGETS_MS.get(name)
        verdict = ""
        if budget is not None:
            verdict = f"budget {budget:g} ms: {'within' if median < budget else 'OVER'}"
        if name.startswith("slot page"):
            verdict += f", {'within' if queries <= MAX_SLOT_PAGE_QUERIES else 'OVER'} "
            verdict += f"{MAX_SLOT_PAGE_QUERIES} queries"
        print(
            f"{name:<42}{median:>10.3f}{p90:>9.3f}{calls:>7}{queries:>8}  {shown}"
            + (f"  ({verdict})" if verdict else "")
        )
        note = f"p90 {p90:.2f} ms, {queries} queries"
        results.append((f"availability: {name}", median, note))
    # The database path must find what the engine finds from the same data set.
    engine = outputs["engine: anyone, 10 staff, 30 days"]
    loaded = outputs["db + engine: anyone, 10 staff, 30 days"]
    if engine != loaded:
        raise SystemExit("The engine and the database load disagree on the free starts.")
    return results


if __name__ == "__main__":
    run()
    sys.exit(0)
