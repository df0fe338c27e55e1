"""The migration that turns a message's foreign key to its booking into the generic `about`
reference keeps every link, and undoing it puts them back; the reminders and preferences that
moved to the bookings app keep their rows (same tables, no data copied)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from creneau.bookings.models import Booking, BookingReminder, NotificationPreference
from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.helpers import NOW, book

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("notifications", "0002_outboundmessage_erase_after_send"),
    ("bookings", "0004_booking_pseudonymised"),
]
AFTER = [
    ("notifications", "0003_the_outbox_names_no_other_app"),
    ("bookings", "0005_reminders_move_here_from_notifications"),
]


@pytest.fixture(autouse=True)
def _the_latest_schema_after():
    """Back to the latest migrations once done: the tests after this one (and the migrations
    added since) expect the whole schema."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_links_survive_the_migration_and_its_reversal(salon, customer):
    booking = book(salon, customer, paris(2026, 12, 9, 10))
    other = book(salon, customer, paris(2026, 12, 9, 14))
    NotificationPreference.objects.create(user=customer, sms_reminders=True)
    BookingReminder.objects.create(booking=booking, start=booking.start, queued_at=NOW)
    OutboundMessage.objects.all().delete()

    old = migrate(BEFORE)
    Message = old.get_model("notifications", "OutboundMessage")
    common = dict(channel="email", language="en", to_address="a@example.org", body_text="Hi")
    about = Message.objects.create(template="t1", booking_id=booking.pk, created_at=NOW, **common)
    Message.objects.create(template="t2", booking_id=other.pk, created_at=NOW, **common)
    Message.objects.create(template="t3", created_at=timezone.now(), **common)
    # Before the move, the rows are the notifications app's.
    assert old.get_model("notifications", "BookingReminder").objects.count() == 1

    migrate(AFTER)

    # Read through ids: the schema is the one of that migration, older than today's Booking
    # and NotificationPreference models, whose newer columns it does not have yet.
    booking_type = ContentType.objects.get_for_model(Booking)
    assert {m.template: (m.about_type_id, m.about_id) for m in OutboundMessage.objects.all()} == {
        "t1": (booking_type.pk, booking.pk),
        "t2": (booking_type.pk, other.pk),
        "t3": (None, None),
    }
    assert list(OutboundMessage.objects.filter(booking=booking).values_list("pk", flat=True)) == [
        about.pk
    ]
    assert BookingReminder.objects.get().booking_id == booking.pk
    assert (
        NotificationPreference.objects.filter(user=customer)
        .values_list("sms_reminders", flat=True)
        .get()
    )

    old = migrate(BEFORE)
    Message = old.get_model("notifications", "OutboundMessage")
    assert dict(Message.objects.values_list("template", "booking_id")) == {
        "t1": booking.pk,
        "t2": other.pk,
        "t3": None,
    }
    migrate(AFTER)
