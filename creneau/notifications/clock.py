"""Periodic jobs, run every minute by `manage.py clock` (or by cron: `manage.py clock --once`).

A job is a function `job(*, now) -> int | None`. Each must be idempotent and cheap when there
is nothing to do: it may run late, twice, or in two clock processes at once, and it decides
itself what is due at `now` (a daily job checks whether today's run is done).

The clock names no feature: this app registers only the outbox's sweep, and every other app adds
its own jobs with `clock_job_register` from its AppConfig.ready, as admin.py registers models
(bookings: reminders; privacy: retention, the rights desk's reminder).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

logger = logging.getLogger("creneau.clock")

Job = Callable[..., int | None]

_jobs: dict[str, Job] = {}


def clock_job_register(name: str, job: Job) -> None:
    """Add `job` to every tick of the clock under `name` (registering a name again replaces)."""
    _jobs[name] = job


def clock_job_unregister(name: str) -> None:
    _jobs.pop(name, None)


def clock_jobs() -> dict[str, Job]:
    return dict(_jobs)


def clock_tick(*, now: datetime) -> dict[str, int | None]:
    """Run every job once at `now`. A job that raises is logged; the others still run."""
    results: dict[str, int | None] = {}
    for name, job in _jobs.items():
        try:
            results[name] = job(now=now)
        except Exception:
            logger.exception("clock job %s failed", name)
            results[name] = None
    return results
