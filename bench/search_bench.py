"""Benchmark of the salon search results page on 10,000 salons (SQLite, in process).

    python -m bench.search_bench            # builds var/bench/search-10000.sqlite3 once
    BENCH_SALONS=2000 python -m bench.search_bench
    BENCH_DATABASE_URL=postgres://... python -m bench.search_bench

The data set is made by `manage.py seed_demo --salons 10000` into its own database under
var/bench/ (about 1.5 million rows; built once, then reused). Each case is a GET through
Django's test client, so URL routing, middleware, the search selector, pagination and
template rendering are all in the figure; only the network is not. Prints the median and p90
wall time in ms and the number of SQL queries of each case. Budget (DESIGN.md): results page
under 50 ms median. `run()` returns (name, median ms) pairs for a bench runner.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SALONS = int(os.environ.get("BENCH_SALONS", "10000"))
SEED = 2026
TODAY = date(2026, 10, 19)  # a fixed day: the same data set on every machine and every day
# The moment the bench runs in (time-machine): the summaries and the day filter agree with it.
NOW = datetime(2026, 10, 19, 7, 30, tzinfo=UTC)
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / f"search-{SALONS}.sqlite3"
BUDGET_MS = 50.0
WARMUP = 5
RUNS = 40

CASES: list[tuple[str, str]] = [
    ("city", "/salons/?where=Paris"),
    ("city page", "/salons/lyon/"),
    ("city, page 5", "/salons/?where=Paris&page=5"),
    ("postcode", "/salons/?where=69003"),
    ("category and city", "/salons/?where=Marseille&category=barber"),
    ("text: service", "/salons/?q=balayage"),
    ("text: accents", "/salons/?q=elea"),
    ("text and city", "/salons/?q=coupe+homme&where=Toulouse"),
    ("text, category and city", "/salons/?q=massage&where=Bordeaux&category=spa"),
    ("line: type and city", "/salons/?q=coiffeur+paris"),
    ("line: typo, arrondissement", "/salons/?q=coifeur+paris+10e"),
    ("line: service and postcode", "/salons/?q=balayage+75011"),
    ("line + day + time of day", "/salons/?q=barbier+lyon&day=2026-10-20&period=morning"),
    ("line + soonest", "/salons/?q=spa+pres+de+lille&sort=soonest"),
    ("salon page", "/salons/paris/salon-elea/"),
    ("home page", "/"),
]

OTHER_PAGES = ("salon page", "home page")  # measured alongside, outside the results budget

# Django must be configured for the bench database before anything imports a model.
BENCH_DIR.mkdir(parents=True, exist_ok=True)
os.environ["DJANGO_SETTINGS_MODULE"] = "creneau.settings"
# BENCH_DATABASE_URL measures another database (PostgreSQL) with the same data set.
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{DB_PATH}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def ensure_dataset() -> None:
    """Build the bench database unless a complete one is already there."""
    from creneau.catalog.models import Business

    call_command("migrate", verbosity=0, interactive=False)
    # Batches are committed one by one: fewer salons than asked means an interrupted build.
    if Business.objects.count() != SALONS:
        from creneau.bookings.models import Booking

        Booking.objects.all().delete()  # bookings protect their salon
        Business.objects.all().delete()
        print(f"Building the bench catalogue with {SALONS:,} salons...", flush=True)
        started = time.perf_counter()
        call_command(
            "seed_demo",
            salons=SALONS,
            seed=SEED,
            today=TODAY,
            no_users=True,
            no_bookings=True,
            verbosity=0,
        )
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    from creneau.bookings.models import AvailabilitySummaryState, Booking

    if not Booking.objects.exists():
        from creneau.bookings.demo import demo_bookings_create

        print("Filling the agendas...", flush=True)
        started = time.perf_counter()
        ids = list(Business.objects.order_by("pk").values_list("pk", flat=True))
        # Three days booked (today and the two next, the days the cases search): 2 million
        # bookings for a fortnight would take half an hour to insert through the ORM.
        count = demo_bookings_create(business_ids=ids, today=TODAY, seed=SEED, days=3)
        print(f"  {count:,} bookings in {time.perf_counter() - started:.0f} s", flush=True)
        AvailabilitySummaryState.objects.all().delete()
    if AvailabilitySummaryState.objects.count() != SALONS:
        from creneau.bookings.summary import availability_summary_refresh

        print("Working out the availability summaries...", flush=True)
        started = time.perf_counter()
        # A list, not a cursor: an open read would keep SQLite from checkpointing its WAL.
        for business in list(Business.objects.filter(is_active=True)):
            availability_summary_refresh(business=business, now=NOW)
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, also for indexes of later migrations


def measure(client: Client, url: str) -> tuple[float, float, int, int, float]:
    """(median ms, p90 ms, queries, status) of GET url rendered (the kept pages emptied
    before each GET: web.page_cache), and the median ms of the page served kept."""
    pages = caches["pages"]
    for _ in range(WARMUP):
        pages.clear()
        client.get(url)
    queries = 0

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    pages.clear()
    with connection.execute_wrapper(count):
        response = client.get(url)
    timings = []
    for _ in range(RUNS):
        pages.clear()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p90 = timings[int(len(timings) * 0.9) - 1]
    kept = []
    client.get(url)
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        kept.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), p90, queries, response.status_code, statistics.median(kept)


def run() -> list[tuple[str, float]]:
    import time_machine

    ensure_dataset()
    with time_machine.travel(NOW, tick=True):
        return _run()


def _run() -> list[tuple[str, float]]:
    # Production-like: no template debug information and no query log. Not
    # setup_test_environment(): its template instrumentation (a context copy per rendered
    # template, for response.context) would be measured too.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    results: list[tuple[str, float]] = []
    vendor = connection.vendor
    print(f"Search results page, {SALONS:,} salons, {vendor}, in process ({RUNS} runs each)")
    print(f"{'case':<28}{'median ms':>10}{'p90 ms':>9}{'queries':>9}{'kept ms':>9}  url")
    for name, url in CASES:
        median, p90, queries, status, kept = measure(client, url)
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
        print(f"{name:<28}{median:>10.1f}{p90:>9.1f}{queries:>9}{kept:>9.1f}  {url}")
        results.append((f"search: {name}", median))
    worst = max(
        median
        for (case, _url), (_name, median) in zip(CASES, results, strict=True)
        if case not in OTHER_PAGES
    )
    results.extend(in_process())
    verdict = "OK" if worst < BUDGET_MS else "OVER BUDGET"
    print(f"Slowest results-page median {worst:.1f} ms, budget {BUDGET_MS:.0f} ms: {verdict}")
    return results


def _median_ms(call, runs: int = RUNS, setup=None) -> float:  # type: ignore[no-untyped-def]
    """The median time of `call(*setup())`; `setup`, when given, runs before each call and is
    not timed."""
    for _ in range(WARMUP):
        call(*(setup() if setup else ()))
    timings = []
    for _ in range(runs):
        arguments = setup() if setup else ()
        started = time.perf_counter()
        call(*arguments)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def in_process() -> list[tuple[str, float]]:
    """The search selectors alone (no HTTP, no template) and one salon's summary refresh."""
    from creneau.bookings.summary import (
        availability_summary_refresh,
        available_salons_refine,
        next_free,
    )
    from creneau.catalog.models import Business
    from creneau.catalog.search import salon_search

    day = date(2026, 10, 20)

    def text_and_place() -> None:
        salon_search(line="balayage paris", per_page=20)

    def with_availability() -> None:
        found = salon_search(
            line="coiffeur paris",
            per_page=20,
            refine=available_salons_refine(now=NOW, day=day, period="afternoon"),
        )
        for business in found.page.object_list:
            next_free(business, now=NOW)

    def with_service() -> None:
        found = salon_search(
            line="coiffeur paris",
            per_page=20,
            service="balayage",
            refine=available_salons_refine(
                now=NOW, day=day, period="afternoon", service="balayage"
            ),
        )
        for business in found.page.object_list:
            next_free(business, now=NOW)

    from creneau.bookings.models import AvailabilitySummary

    salon = Business.objects.get(slug="salon-elea")

    def one_row_off() -> tuple[date]:
        # As after a booking: one (day, period) row differs from what the engine now says.
        # Set up before each timed refresh, outside its time.
        first = AvailabilitySummary.objects.filter(business=salon).order_by("first_start")[:1]
        changed = list(first.values_list("pk", "day"))
        AvailabilitySummary.objects.filter(pk__in=[pk for pk, _day in changed]).update(free_count=0)
        return (changed[0][1] if changed else day,)

    def refresh_whole(_changed: date) -> None:
        availability_summary_refresh(business=salon, now=NOW)

    def refresh_after_booking(changed: date) -> None:
        # What the clock does after bookings alone (bookings.summary.changed_days).
        availability_summary_refresh(business=salon, now=NOW, days={changed})

    cases = [
        ("in process: text + place", text_and_place, None, 20.0),
        ("in process: + day, time of day, free times", with_availability, None, 50.0),
        ("in process: + a service (balayage)", with_service, None, 50.0),
        ("summary refresh of one salon, its booked day", refresh_after_booking, one_row_off, 10.0),
        ("summary refresh of one salon, all 14 days", refresh_whole, one_row_off, 0.0),
    ]
    print(f"{'in process':<44}{'median ms':>10}  budget")
    measured = []
    for name, call, setup, budget in cases:
        median = _median_ms(call, setup=setup)
        if budget:
            verdict = "OK" if median < budget else "OVER BUDGET"
            print(f"{name:<44}{median:>10.1f}  {budget:.0f} ms {verdict}")
        else:  # the clock's, off the request path: no budget
            print(f"{name:<44}{median:>10.1f}  -")
        measured.append((f"search: {name}", median))
    return measured


if __name__ == "__main__":
    run()
    sys.exit(0)
