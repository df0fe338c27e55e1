"""`retention --dry-run` counts what each rule would do, changes nothing, and leaves a summary
without personal data."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from creneau.accounts.models import User
from creneau.bookings.models import RecentlyViewedSalon
from creneau.notifications.models import OutboundMessage
from creneau.privacy.models import RetentionRun

pytestmark = pytest.mark.django_db

JOINED = datetime(2023, 1, 2, 10, 0, tzinfo=UTC)


def test_the_dry_run_counts_per_rule_and_changes_nothing(make_user, salon):
    with time_machine.travel(JOINED, tick=False):
        inactive = make_user()
        make_user("never.verified@example.org", phone="+33698765432", verified=False)
    RecentlyViewedSalon.objects.create(user=inactive, business=salon, viewed_at=JOINED)
    out = io.StringIO()

    with time_machine.travel(JOINED + timedelta(days=800), tick=False):
        call_command("retention", "--dry-run", stdout=out)

    assert "inactive_accounts_warned: 1 would be" in out.getvalue()
    assert "unverified_signups_erased: 1 would be" in out.getvalue()
    assert "remembered_salons_purged: 1 would be" in out.getvalue()
    assert User.objects.count() == 2
    assert RecentlyViewedSalon.objects.count() == 1
    assert not OutboundMessage.objects.exists()
    run = RetentionRun.objects.get()
    assert run.dry_run is True
    assert run.counts["inactive_accounts_warned"] == 1
    summary = json.dumps(run.counts)
    assert inactive.email not in summary and "Camille" not in summary


def test_a_real_run_then_does_it_and_records_it(make_user):
    with time_machine.travel(JOINED, tick=False):
        make_user("never.verified@example.org", verified=False)

    with time_machine.travel(JOINED + timedelta(days=8), tick=False):
        call_command("retention", stdout=io.StringIO())

    assert not User.objects.exists()
    run = RetentionRun.objects.get()
    assert run.dry_run is False
    assert run.counts["unverified_signups_erased"] == 1
    assert run.finished_at is not None
