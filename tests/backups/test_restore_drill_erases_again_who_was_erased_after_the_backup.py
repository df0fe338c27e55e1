"""The restore drill, end to end on the real database engine: customers book, a backup is taken,
one customer erases their account, and the backup is restored. The restored data brings the
person back; `manage.py restore` then migrates and replays the tombstone journal, and the person
is gone again, their bookings pseudonymised as erasure leaves them, everyone else's data as the
backup held it, and the backup's counts verified."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from creneau.accounts.models import User
from creneau.backups.services import backup_create, backup_verify, database_restore
from creneau.bookings.models import Booking, BookingService
from creneau.bookings.services import booking_create
from creneau.catalog.models import Business, Service, StaffMember
from creneau.privacy.erasure import customer_erase
from creneau.privacy.models import ErasureReceipt, ErasureTombstone
from tests.backups.conftest import next_open_day

pytestmark = pytest.mark.django_db(transaction=True)


def past_booking(salon, customer, *, days_ago: int) -> Booking:
    start = timezone.now() - timedelta(days=days_ago)
    booking = Booking.objects.create(
        business=salon,
        customer=customer,
        staff=salon.test_staff[1],
        start=start,
        end=start + timedelta(minutes=30),
        blocked_until=start + timedelta(minutes=40),
        status=Booking.Status.COMPLETED,
        total_price=Decimal("35.00"),
    )
    BookingService.objects.create(
        booking=booking, position=0, name="Coupe", duration_minutes=30, price=Decimal("35.00")
    )
    return booking


def the_person_is_present(person_email: str, first: str, last: str) -> bool:
    return (
        User.objects.filter(
            Q(email__iexact=person_email) | Q(first_name=first, last_name=last)
        ).exists()
        or EmailAddress.objects.filter(email__iexact=person_email).exists()
    )


def test_a_customer_erased_after_the_backup_is_erased_again_by_the_restore(
    backups, salon, customer, other_customer
):
    email, first, last, phone = (
        customer.email,
        customer.first_name,
        customer.last_name,
        str(customer.phone),
    )
    cut = salon.test_services["cut"]
    theirs = [
        booking_create(customer=customer, business=salon, services=[cut], start=next_open_day(4)),
        past_booking(salon, customer, days_ago=20),
        past_booking(salon, customer, days_ago=400),
    ]
    others = [
        booking_create(
            customer=other_customer,
            business=salon,
            services=[cut],
            start=next_open_day(4) + timedelta(hours=3),
        ),
        past_booking(salon, other_customer, days_ago=10),
    ]
    backup = backup_create(now=timezone.now())

    customer_erase(user=customer, actor=customer, reason="account")
    assert not the_person_is_present(email, first, last)
    erased_state = {
        b.reference: (b.status, b.customer_id)
        for b in Booking.objects.filter(pk__in=[b.pk for b in theirs])
    }
    assert set(erased_state.values()) == {
        (Booking.Status.CANCELLED_BY_CUSTOMER, None),
        (Booking.Status.COMPLETED, None),
    }
    assert ErasureTombstone.objects.count() == 2  # e-mail and phone

    # The data step alone: the backup predates the erasure, so the person is back.
    database_restore(path=backup.path)
    assert the_person_is_present(email, first, last)
    assert Booking.objects.filter(customer__email=email).count() == 3
    assert not ErasureTombstone.objects.exists()  # the restored table predates it too

    # The whole procedure: data, migrate, then the replay of the journal.
    out = io.StringIO()
    call_command("restore", str(backup.path), yes=True, stdout=out)

    assert not the_person_is_present(email, first, last)
    assert not User.objects.filter(phone=phone).exists()
    replayed = Booking.objects.filter(pk__in=[b.pk for b in theirs])
    assert {b.reference: (b.status, b.customer_id) for b in replayed} == erased_state
    assert all(b.pseudonymised_at is not None and b.retain_until > b.start for b in replayed)
    assert all(b.idempotency_key == "" for b in replayed)
    assert ErasureReceipt.objects.get().reason == ErasureReceipt.Reason.REPLAY
    # Everyone and everything else is as the backup held it.
    assert User.objects.get(pk=other_customer.pk).email == other_customer.email
    assert [
        (b.reference, b.status, b.customer_id)
        for b in Booking.objects.filter(pk__in=[b.pk for b in others]).order_by("pk")
    ] == [(b.reference, b.status, other_customer.pk) for b in others]
    assert Business.objects.count() == 1 and Service.objects.count() == 2
    assert StaffMember.objects.count() == 3
    # A summary in counts, and nothing about the person.
    summary = out.getvalue()
    counts = backup.manifest.contents
    assert f"restored: {len(counts.row_counts)} tables, {counts.rows} rows" in summary
    assert "migrations applied: 0" in summary
    assert "erased again (tombstone journal): 1 account(s)" in summary
    for value in (email, first, last, phone):
        assert value not in summary
    # And the backup itself still verifies: its counts are the restored ones.
    report = backup_verify(path=backup.path)
    assert report.ok, report.problems
