"""Restriction of processing (GDPR art. 18): from the account page the person restricts; the
queued news goes and no more is queued, personalisation stops, the salon sees "restricted"
(never why), the reminder of the booking they keep still goes; lifting it restores all, and
both are in the audit."""

# ruff: noqa: F401, F811 -- the back office fixtures are imported to be used by name.
from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from creneau.bookings.customers import salon_customers
from creneau.bookings.models import SalonContact
from creneau.bookings.personalisation import personal_suggestions, salon_view_record
from creneau.bookings.reminders import reminders_send_due
from creneau.consent.marketing import MarketingRefused, marketing_message_enqueue
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_consent_record
from creneau.notifications.models import OutboundMessage
from creneau.privacy.audit import audit_access_log
from creneau.privacy.models import AuditEntry
from creneau.privacy.restriction import processing_restricted, restriction_start
from tests.backoffice.conftest import NOW, book, login, owner

pytestmark = pytest.mark.django_db


def news(user):
    return marketing_message_enqueue(
        template="marketing/news",
        to_address=user.email,
        language="en",
        context={"text": "Spring offers"},
        user=user,
        now=timezone.now(),
    )


@pytest.fixture
def opted_in(customer):
    for purpose in (AccountPurpose.MARKETING_EMAIL, AccountPurpose.PERSONALISATION):
        account_consent_record(
            user=customer, purpose=purpose, granted=True, source="account", now=timezone.now()
        )
    return customer


def test_the_person_restricts_from_their_account_and_everything_but_storage_stops(
    opted_in,
    salon,
    owner,
    book,
    login,
    settings,
):
    # The worker has not run yet: the news waits in the queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    book(opted_in)
    queued = news(opted_in)
    salon_view_record(user=opted_in, business=salon, now=timezone.now())
    assert personal_suggestions(user=opted_in, now=timezone.now()).viewed == [salon]

    page = login(opted_in)
    response = page.post(reverse("privacy:restriction"), {"restrict": ""})
    assert response.status_code == 302
    assert processing_restricted(user=opted_in)

    assert not OutboundMessage.objects.filter(pk=queued.pk).exists()
    with pytest.raises(MarketingRefused):
        news(opted_in)
    assert not personal_suggestions(user=opted_in, now=timezone.now())

    listing = login(owner).get(reverse("backoffice:customers", args=[salon.slug])).content
    assert b"restricted" in listing
    row = next(r for r in salon_customers(actor=owner, business=salon) if r.pk == opted_in.pk)
    assert row.restricted
    file = login(owner).get(
        reverse("backoffice:customer", args=[salon.slug, "account", opted_in.pk])
    )
    assert b"restricted" in file.content
    assert AuditEntry.objects.filter(action="processing.restricted", subject_user=opted_in)

    response = page.post(reverse("privacy:restriction"), {"lift": ""})
    assert not processing_restricted(user=opted_in)
    news(opted_in)
    assert personal_suggestions(user=opted_in, now=timezone.now()).viewed == [salon]
    assert AuditEntry.objects.filter(action="processing.restriction_lifted", subject_user=opted_in)
    labels = [str(entry["what"]) for entry in audit_access_log(user=opted_in)]
    assert "restricted the processing of your data" in labels


def test_the_reminder_of_a_booking_the_person_keeps_still_goes(customer, salon, book):
    booking = book(customer)
    restriction_start(actor=customer, user=customer, source="person", now=NOW)
    with time_machine.travel(booking.start - timedelta(hours=2), tick=False):
        reminders_send_due(now=timezone.now())
    assert OutboundMessage.objects.filter(to_address=customer.email).exists()


def test_a_restricted_address_marks_the_salon_s_contact_too(salon, owner, customer):
    SalonContact.objects.create(
        business=salon, name="Marie Curie", email="marie@example.org", created_at=NOW
    )
    restriction_start(actor=None, email="MARIE@example.org", source="desk", now=NOW)
    rows = salon_customers(actor=owner, business=salon)
    assert [row.restricted for row in rows if row.kind == "contact"] == [True]
