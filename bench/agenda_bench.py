"""Agenda benchmark: the back office's day view of a salon with 12 staff and 150 bookings.

    python -m bench.agenda_bench

Own SQLite database under var/bench/agenda/ (rebuilt each run, a few seconds): one salon,
12 staff working 09:00-13:00 and 14:00-19:00, 150 bookings of 30 to 60 minutes on one day
(a Tuesday at least a week ahead) for 60 customers and a few walk-in contacts, one staff
member's afternoon off. A manager opens the day view through Django's test client with DEBUG
off: URL routing, middleware (session, auth, consent, CSP), the guard, the agenda's queries,
the grid layout and template rendering, no network. Timed over at least 50 calls and about two
seconds after a warm-up; median and p90 in ms (and the process's CPU time, which a busy
machine does not inflate), and the SQL queries of one call (the same for
any number of staff and bookings, see tests/backoffice/test_the_agenda_reads_a_fixed_number_of_
queries.py). Budget: under 50 ms median. `run()` returns [(name, median ms)].
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = ROOT / "var" / "bench" / "agenda"
STAFF = 12
BOOKINGS = 150
BUDGET_MS = 50.0
TZ = ZoneInfo("Europe/Paris")


def configure() -> None:
    """Point Django at a fresh bench database (before importing Django)."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    database = VAR_DIR / "agenda.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "creneau.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["VAR_DIR"] = str(VAR_DIR)
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def bench_day(today: date) -> date:
    """A Tuesday at least a week after today: every booking is in the future."""
    day = today + timedelta(days=7)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def build(day: date):  # type: ignore[no-untyped-def]
    """The salon, its team and its day; returns (salon, manager)."""
    from allauth.account.models import EmailAddress

    from creneau.accounts.models import User
    from creneau.bookings.models import Booking, BookingService, SalonContact
    from creneau.catalog.models import (
        Business,
        Service,
        StaffMember,
        StaffRole,
        TimeOff,
        WorkingHours,
    )
    from creneau.catalog.services import business_reindex

    salon = Business.objects.create(
        name="Salon Agenda", slug="salon-agenda", category="hair", address="1 rue du Banc",
        postcode="75011", city="Paris", city_slug="paris", timezone="Europe/Paris",
    )  # fmt: skip
    manager = User.objects.create_user(
        "manager@bench.example", "x", first_name="Manon", last_name="Banc"
    )
    EmailAddress.objects.create(user=manager, email=manager.email, verified=True, primary=True)
    staff = [
        StaffMember.objects.create(
            business=salon,
            display_name=f"Coiffeur {n + 1}",
            position=n,
            user=manager if n == 0 else None,
            role=StaffRole.MANAGER if n == 0 else StaffRole.STAFF,
        )
        for n in range(STAFF)
    ]
    WorkingHours.objects.bulk_create(
        WorkingHours(staff=member, weekday=weekday, start=start, end=end)
        for member in staff
        for weekday in range(6)
        for start, end in ((clock(9), clock(13)), (clock(14), clock(19)))
    )
    services = [
        Service.objects.create(
            business=salon, name=name, duration_minutes=minutes, buffer_minutes=5, price=price
        )
        for name, minutes, price in (
            ("Coupe", 30, "35.00"),
            ("Brushing", 30, "28.00"),
            ("Couleur", 45, "60.00"),
            ("Mèches", 60, "85.00"),
        )
    ]
    for service in services:
        service.staff.set(staff)
    business_reindex(business_ids=[salon.pk])
    customers = User.objects.bulk_create(
        User(
            email=f"client{n}@bench.example",
            first_name=f"Client{n}",
            last_name="Banc",
            phone=f"+336{n:08d}",
        )
        for n in range(60)
    )
    contacts = [
        SalonContact.objects.create(
            business=salon, name=f"Passage {n}", phone="+33611111111", created_at=datetime.now(TZ)
        )
        for n in range(5)
    ]
    TimeOff.objects.create(
        staff=staff[-1],
        start=datetime.combine(day, clock(16), tzinfo=TZ),
        end=datetime.combine(day, clock(19), tzinfo=TZ),
        reason="Formation",
    )

    # 150 bookings: staff members take turns; each one's day fills from 09:00, appointments
    # back to back with their buffer, skipping lunch.
    cursors = {member.pk: datetime.combine(day, clock(9), tzinfo=TZ) for member in staff}
    rows = []
    for n in range(BOOKINGS):
        member = staff[n % STAFF]
        service = services[n % len(services)]
        start = cursors[member.pk]
        if start.hour == 12 and start.minute + service.duration_minutes > 60:
            start = datetime.combine(day, clock(14), tzinfo=TZ)
        end = start + timedelta(minutes=service.duration_minutes)
        blocked = end + timedelta(minutes=service.buffer_minutes)
        cursors[member.pk] = blocked
        rows.append(
            (
                Booking(
                    business=salon,
                    customer=customers[n % len(customers)] if n % 30 else None,
                    contact=None if n % 30 else contacts[n // 30],
                    staff=member,
                    start=start,
                    end=end,
                    blocked_until=blocked,
                    source=Booking.Source.SITE if n % 30 else Booking.Source.BACKOFFICE,
                    total_price=service.price,
                ),
                service,
            )
        )
    bookings = Booking.objects.bulk_create([booking for booking, _ in rows])
    BookingService.objects.bulk_create(
        BookingService(
            booking=booking,
            service=service,
            position=0,
            name=service.name,
            duration_minutes=service.duration_minutes,
            buffer_minutes=service.buffer_minutes,
            price=service.price,
        )
        for booking, (_, service) in zip(bookings, rows, strict=True)
    )
    return salon, manager


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def measure(call, *, min_seconds: float = 2.0) -> tuple[float, float, float, int]:  # type: ignore[no-untyped-def]
    """Median and p90 wall-clock ms, median CPU ms of this process, and the number of calls:
    at least 50 calls and about `min_seconds`, after a warm-up. On a shared machine the CPU
    time says what the page costs, the wall-clock time what a user waits."""
    for _ in range(5):
        call()
    wall: list[float] = []
    cpu: list[float] = []
    deadline = time.perf_counter() + min_seconds
    while len(wall) < 50 or time.perf_counter() < deadline:
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    wall.sort()
    return statistics.median(wall), wall[int(len(wall) * 0.9)], statistics.median(cpu), len(wall)


def run() -> list[tuple[str, float]]:
    configure()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    day = bench_day(timezone.now().astimezone(TZ).date())
    salon, manager = build(day)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(manager)
    url = f"/pro/{salon.slug}/?date={day.isoformat()}"

    def day_view() -> bytes:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response.content

    html = day_view().decode()
    shown = html.count('class="agenda-booking')
    assert shown == BOOKINGS, f"{shown} bookings shown, {BOOKINGS} expected"
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        day_view()
    median, p90, cpu, calls = measure(day_view)
    verdict = "within" if median < BUDGET_MS else "OVER"
    print(
        f"agenda day view, {STAFF} staff, {BOOKINGS} bookings: median {median:.1f} ms, "
        f"p90 {p90:.1f} ms, CPU {cpu:.1f} ms, {calls} calls, {counter.count} queries, "
        f"{len(html) // 1024} KiB, load average {os.getloadavg()[0]:.1f}; "
        f"budget {BUDGET_MS:.0f} ms median: {verdict}"
    )
    return [
        (f"agenda day view, {STAFF} staff, {BOOKINGS} bookings (test client)", round(median, 2))
    ]


if __name__ == "__main__":
    run()
