"""The export holds every personal field the registry declares, of every row about the person,
and nothing of another customer.

The test walks the registry, not a list written here: a personal field declared tomorrow on a
model linked to the person fails this test until the export handler exports it. Rows "about the
person" are those whose link to an account (a foreign key to the user model) names them; the
link itself is implied by the export being theirs and is not looked for.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from creneau.bookings.models import (
    Booking,
    BookingService,
    NotificationPreference,
    RecentlyViewedSalon,
)
from creneau.consent.interface import consent_interface
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_consent_record
from creneau.consent.services import consent_record
from creneau.privacy.export import export_request
from creneau.privacy.registry import Category, registry

pytestmark = pytest.mark.django_db


def history(salon, person, days_ago):
    """Everything a customer leaves behind: a booking, consents, choices, a salon looked at."""
    now = timezone.now()
    start = now - timedelta(days=days_ago)
    service = salon.test_services["cut"]
    booking = Booking.objects.create(
        business=salon,
        customer=person,
        staff=salon.test_staff[0],
        start=start,
        end=start + timedelta(minutes=30),
        blocked_until=start + timedelta(minutes=40),
        status=Booking.Status.COMPLETED,
        total_price=Decimal("35.00"),
    )
    BookingService.objects.create(
        booking=booking,
        service=service,
        position=0,
        name=service.name,
        duration_minutes=30,
        price=Decimal("35.00"),
    )
    consent_record(
        granted=["analytics"],
        source="account",
        interface=consent_interface("en"),
        now=now,
        user=person,
    )
    account_consent_record(
        user=person, purpose=AccountPurpose.PERSONALISATION, granted=True, source="account", now=now
    )
    RecentlyViewedSalon.objects.create(user=person, business=salon, viewed_at=now)
    NotificationPreference.objects.create(user=person, sms_reminders=True)
    export_request(user=person)
    return booking


def representations(value):
    """The ways an exported value may be written in the JSON."""
    if isinstance(value, datetime):
        return {value.isoformat(), timezone.localtime(value).isoformat()}
    if isinstance(value, bool):
        return {json.dumps(value)}
    return {str(value)}


def user_links(model):
    user_model = get_user_model()
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]


def rows_about(person, categories=None):
    """(field key, value) of every declared personal field of the person's rows, except
    credentials: a password hash is not data to port, and the export never holds it."""
    found = []
    for entry in registry.entries(personal_only=True):
        if entry.declaration.category == Category.CREDENTIALS:
            continue
        if categories is not None and entry.declaration.category not in categories:
            continue
        try:
            model = apps.get_model(entry.model)
        except LookupError:
            continue
        field = model._meta.get_field(entry.field)
        if field.is_relation:
            continue  # a link: the user (implied) or another row, exported by its own content
        if model is get_user_model():
            rows = model.objects.filter(pk=person.pk)
        else:
            links = user_links(model)
            if not links:
                continue
            rows = model.objects.filter(**{links[0].name: person})
            for link in links[1:]:
                rows = rows | model.objects.filter(**{link.name: person})
        for value in rows.values_list(entry.field, flat=True):
            if value not in (None, ""):
                found.append((entry.key, value))
    return found


def test_every_personal_field_of_the_persons_rows_is_in_the_json(client, customer, salon):
    history(salon, customer, days_ago=3)
    client.force_login(customer)
    data = client.get(reverse("privacy:download_json")).content.decode()

    expected = rows_about(customer)
    missing = [
        (key, value)
        for key, value in expected
        if not any(r in data for r in representations(value))
    ]

    assert {key.split(".")[1] for key, _ in expected} >= {"user", "booking", "consentrecord"}
    assert missing == []


def test_nothing_of_another_customer_is_in_it(client, customer, other_customer, salon):
    history(salon, customer, days_ago=3)
    theirs = history(salon, other_customer, days_ago=4)
    client.force_login(customer)

    data = client.get(reverse("privacy:download_json")).content.decode()

    for foreign in ("jean.martin@example.org", "Jean", "Martin", "+33698765432", theirs.reference):
        assert foreign not in data
    identifying = {Category.IDENTITY, Category.CONTACT, Category.TECHNICAL}
    for key, value in rows_about(other_customer, categories=identifying):
        for written in representations(value):
            assert written not in data, key
