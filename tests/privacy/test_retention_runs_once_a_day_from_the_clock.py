"""The clock runs retention at its first tick of each day, and only then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from creneau.notifications.clock import clock_jobs
from creneau.privacy.models import RetentionRun
from creneau.privacy.retention import retention_daily

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 6, 2, 3, 0, tzinfo=UTC)


def test_retention_is_a_clock_job():
    assert clock_jobs()["retention"] is retention_daily


def test_the_first_tick_of_a_day_runs_it_and_later_ticks_do_nothing():
    assert retention_daily(now=NOW) is not None
    assert retention_daily(now=NOW + timedelta(minutes=1)) is None
    assert retention_daily(now=NOW + timedelta(hours=18)) is None  # 23:00 in Paris
    assert RetentionRun.objects.count() == 1

    assert retention_daily(now=NOW + timedelta(days=1)) is not None
    assert RetentionRun.objects.filter(dry_run=False).count() == 2
    assert all(run.day is not None for run in RetentionRun.objects.all())
