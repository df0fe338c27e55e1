"""Erasure benchmark: `customer_erase` of a customer with 1,000 bookings (990 past at two
salons, 10 to come, each with its confirmation in the outbox), a session, consents and notes.

    python -m bench.erasure_bench

Own SQLite database under var/bench/erasure/ (rebuilt each run). Each round builds a fresh
customer (not timed) and times one erasure, in process, with the database task backend (the
confirmation's delivery is queued, as in production). Budget (DESIGN.md): under 1 s.
`run()` returns [(name, median ms)].
"""

from __future__ import annotations

import os
import statistics
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = ROOT / "var" / "bench" / "erasure"
ROUNDS = 7
BOOKINGS = 1000
FUTURE = 10


def configure() -> None:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    database = VAR_DIR / "erasure.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "creneau.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["VAR_DIR"] = str(VAR_DIR)
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def _salons():  # type: ignore[no-untyped-def]
    from datetime import time as clock

    from creneau.accounts.models import User
    from creneau.catalog.models import Business, Service, StaffMember, StaffRole, WorkingHours

    salons = []
    for n in range(2):
        owner = User.objects.create_user(
            f"owner{n}@bench.example", "x", first_name="Owner", last_name=str(n)
        )
        business = Business.objects.create(
            name=f"Bench {n}", slug=f"bench-{n}", category="hair", address="1 rue",
            postcode="75001", city="Paris", city_slug="paris", timezone="Europe/Paris",
        )  # fmt: skip
        staff = StaffMember.objects.create(
            business=business, display_name=f"Staff {n}", user=owner, role=StaffRole.OWNER
        )
        WorkingHours.objects.bulk_create(
            WorkingHours(staff=staff, weekday=d, start=clock(8), end=clock(20)) for d in range(7)
        )
        service = Service.objects.create(
            business=business, name="Coupe", duration_minutes=30, price="35.00"
        )
        service.staff.set([staff])
        salons.append((business, staff))
    return salons


def _customer(number: int, salons):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from creneau.accounts.models import User
    from creneau.bookings.models import Booking, BookingService
    from creneau.notifications.models import OutboundMessage
    from creneau.privacy.models import AuditEntry

    user = User.objects.create_user(
        f"customer{number}@bench.example", "x", first_name="Zoë", last_name="O'Brien",
        phone="+33612345678",
    )  # fmt: skip
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    now = timezone.now()
    bookings = []
    for i in range(BOOKINGS):
        business, staff = salons[i % 2]
        # Past ones every 2 hours back in time; future ones from tomorrow on, each staff apart.
        offset = timedelta(days=1 + i) if i < FUTURE else -timedelta(hours=2 * i)
        start = now + offset + timedelta(minutes=number * 30 % 600)
        bookings.append(
            Booking(
                business=business, customer=user, staff=staff, start=start,
                end=start + timedelta(minutes=30), blocked_until=start + timedelta(minutes=30),
                status=Booking.Status.CONFIRMED if i < FUTURE else Booking.Status.COMPLETED,
                total_price=Decimal("35.00"),
            )
        )  # fmt: skip
    bookings = Booking.objects.bulk_create(bookings)
    BookingService.objects.bulk_create(
        BookingService(booking=b, position=0, name="Coupe", duration_minutes=30, price=35)
        for b in bookings
    )
    OutboundMessage.objects.bulk_create(
        OutboundMessage(
            channel="email", template="booking_confirmed", language="fr",
            to_address=user.email, subject="Réservation", body_text="Bonjour Zoë",
            user=user, about=b, created_at=now, status="sent",
        )
        for b in bookings
    )  # fmt: skip
    AuditEntry.objects.create(action="customer.file_viewed", subject_user=user, created_at=now)
    return user


def run() -> list[tuple[str, float]]:
    configure()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from creneau.privacy.erasure import customer_erase

    salons = _salons()
    timings = []
    for number in range(ROUNDS):
        user = _customer(number, salons)
        started = time.perf_counter()
        customer_erase(user=user, actor=user, reason="account")
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    print(f"erasure, {BOOKINGS} bookings: median {median:.0f} ms, max {max(timings):.0f} ms")
    return [(f"erasure of a customer with {BOOKINGS} bookings (SQLite)", round(median, 1))]


if __name__ == "__main__":
    run()
