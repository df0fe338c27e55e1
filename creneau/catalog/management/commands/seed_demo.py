"""Load the demo catalogue and demo accounts (used by `make run` on an empty database)."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from creneau.catalog.demo import (
    DEMO_PASSWORD,
    demo_catalog_create,
    demo_extensions,
    demo_users_create,
)
from creneau.catalog.models import Business


class Command(BaseCommand):
    help = (
        "Create demo salons (8 French cities) with staff, working hours, services, time off and "
        "closures, plus a demo customer, professional and platform admin, and print their "
        "logins. The same --seed gives the same salons; dates are relative to --today. "
        "Use --salons 10000 for benchmark data sets (bulk inserts, about two minutes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--salons", type=int, default=40, help="How many salons (default 40).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Day the time off and closures are placed from (YYYY-MM-DD; default today).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has a salon.",
        )
        parser.add_argument(
            "--no-users", action="store_true", help="Create no demo accounts (benchmarks)."
        )
        parser.add_argument(
            "--no-bookings",
            action="store_true",
            help="Leave the agendas empty (no demo bookings, no availability summaries).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        salons: int = options["salons"]
        if salons < 1:
            raise CommandError("--salons must be at least 1.")
        if options["if_empty"] and Business.objects.exists():
            self.stdout.write("The database already has salons: demo data not loaded.")
            return
        today = options["today"] or timezone.localdate()
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if total > 1000 and options["verbosity"] >= 1:
                self.stdout.write(f"  {done:,}/{total:,} salons")

        counts = demo_catalog_create(
            salons=salons, seed=options["seed"], today=today, progress=progress
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {counts.salons:,} salons, {counts.staff:,} staff members, "
                f"{counts.services:,} services, {counts.working_hours:,} working hours, "
                f"{counts.time_off:,} time off and {counts.closures:,} closures "
                f"in {elapsed:.1f} s (seed {options['seed']}, from {today:%Y-%m-%d})."
            )
        )
        logins = []
        if not options["no_users"]:
            # The accounts come first: the demo customer has bookings of their own.
            first = Business.objects.filter(pk=counts.first_business_id).first()  # type: ignore[misc]  # django-stubs: pk=None (no salon made) is IS NULL, so None
            logins = demo_users_create(business=first)
        if not options["no_bookings"] and counts.first_business_id is not None:
            created = list(
                Business.objects.filter(pk__gte=counts.first_business_id)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            for extension in demo_extensions().values():
                report = extension(
                    business_ids=created,
                    today=today,
                    seed=options["seed"],
                    people=not options["no_users"],
                )
                self.stdout.write(self.style.SUCCESS(report))
        if options["no_users"]:
            return
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password: {DEMO_PASSWORD})"))
        for login in logins:
            note = f"  ({login.note})" if login.note else ""
            self.stdout.write(f"  {login.role:<15} {login.email}{note}")
