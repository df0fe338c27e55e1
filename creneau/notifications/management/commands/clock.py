"""The clock process: runs the registered periodic jobs (the outbox sweep, and what other apps
add: reminders, retention, ...) every minute.

    manage.py clock            # loop, one tick a minute (Procfile: clock)
    manage.py clock --once     # one tick, for cron: * * * * * manage.py clock --once

Jobs are idempotent, so a second clock or an overlapping cron run does no harm.
"""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from creneau.notifications.clock import clock_tick


class Command(BaseCommand):
    help = "Run the periodic jobs every minute (--once: a single run, for cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run the jobs once and exit.")
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between ticks (default 60)."
        )

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        if once:
            self._tick()
            return
        self._running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.stdout.write(f"clock: running the jobs every {interval:g} s")
        while self._running:
            started = time.monotonic()
            # A long-lived process: drop connections the database has closed or that are past
            # CONN_MAX_AGE before each tick, as Django does around each request.
            close_old_connections()
            self._tick()
            # Sleep in short steps so a stop signal is honoured within a second.
            while self._running and time.monotonic() - started < interval:
                time.sleep(min(1.0, interval))

    def _tick(self) -> None:
        results = clock_tick(now=timezone.now())
        done = ", ".join(f"{name}={count}" for name, count in results.items() if count)
        if done:
            self.stdout.write(f"clock: {done}")

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self._running = False
