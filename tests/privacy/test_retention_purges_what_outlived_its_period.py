"""Each declared period is applied: accounting bookings after 10 years, consent proofs after 25
months, expired archives, salons remembered for 90 days, old sent messages, finished task rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from creneau.bookings.models import Booking, RecentlyViewedSalon
from creneau.consent.interface import consent_interface
from creneau.consent.ledger import ledger_verify
from creneau.consent.models import ConsentRecord
from creneau.consent.services import consent_record
from creneau.notifications.models import OutboundMessage
from creneau.privacy.export import export_request
from creneau.privacy.models import ExportFile
from creneau.privacy.retention import retention_apply

pytestmark = pytest.mark.django_db

T0 = datetime(2025, 1, 6, 10, 0, tzinfo=UTC)


def run(when: datetime) -> dict[str, int]:
    with time_machine.travel(when, tick=False):
        return retention_apply(now=timezone.now()).counts


def booking(salon, start: datetime, **fields) -> Booking:
    return Booking.objects.create(
        business=salon,
        staff=salon.test_staff[0],
        start=start,
        end=start + timedelta(minutes=30),
        blocked_until=start + timedelta(minutes=40),
        total_price="35.00",
        created_at=start,
        updated_at=start,
        **fields,
    )


def test_pseudonymised_bookings_go_once_their_legal_period_ends(salon):
    kept = booking(salon, T0, pseudonymised_at=T0, retain_until=T0 + timedelta(days=3653))
    later = booking(
        salon,
        T0 + timedelta(days=1),
        pseudonymised_at=T0,
        retain_until=T0 + timedelta(days=3654),
    )

    assert run(T0 + timedelta(days=3652))["pseudonymised_bookings_purged"] == 0
    assert run(T0 + timedelta(days=3653, hours=1))["pseudonymised_bookings_purged"] == 1

    assert list(Booking.objects.values_list("pk", flat=True)) == [later.pk]
    assert not Booking.objects.filter(pk=kept.pk).exists()


def test_consent_proofs_go_after_25_months_oldest_first_and_the_chain_still_verifies():
    interface = consent_interface("en")
    old = [
        consent_record(granted=[], source="banner", interface=interface, now=T0) for _ in range(2)
    ]
    fresh = consent_record(
        granted=["analytics"], source="banner", interface=interface, now=T0 + timedelta(days=400)
    )

    assert run(T0 + timedelta(days=25 * 30 + 1))["consent_proofs_purged"] == 2

    assert list(ConsentRecord.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not ConsentRecord.objects.filter(pk__in=[r.pk for r in old]).exists()
    assert ledger_verify() == []


def test_expired_archives_and_salons_remembered_for_90_days_go(customer, salon, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    export_request(user=customer, now=T0)
    RecentlyViewedSalon.objects.create(user=customer, business=salon, viewed_at=T0)

    counts = run(T0 + timedelta(days=91))

    assert counts["expired_exports_purged"] == 1
    assert counts["remembered_salons_purged"] == 1
    assert not ExportFile.objects.exists()
    assert not RecentlyViewedSalon.objects.exists()


def test_old_sent_messages_go_and_unsent_ones_stay(settings):
    settings.RETENTION_SENT_MESSAGE_DAYS = 365

    def message(status: str, sent_at: datetime | None) -> OutboundMessage:
        return OutboundMessage.objects.create(
            channel="email",
            template="account",
            language="en",
            to_address="someone@example.org",
            subject="s",
            body_text="b",
            status=status,
            created_at=T0,
            sent_at=sent_at,
            message_id=f"<{status}.{sent_at}@example.org>",
        )

    message("sent", T0)
    recent = message("sent", T0 + timedelta(days=200))
    failed = message("failed", None)

    assert run(T0 + timedelta(days=366))["sent_messages_purged"] == 1

    assert set(OutboundMessage.objects.values_list("pk", flat=True)) == {recent.pk, failed.pk}


def test_finished_task_rows_go_after_30_days():
    def task_row(status: str, finished_at: datetime | None) -> DBTaskResult:
        return DBTaskResult.objects.create(
            status=status,
            args_kwargs={"args": [1], "kwargs": {}},
            task_path="creneau.notifications.tasks.deliver_message",
            backend_name="default",
            run_after=T0,
            finished_at=finished_at,
        )

    task_row("SUCCESSFUL", T0)
    waiting = task_row("READY", None)
    recent = task_row("FAILED", T0 + timedelta(days=20))

    assert run(T0 + timedelta(days=31))["task_rows_purged"] == 1

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}
