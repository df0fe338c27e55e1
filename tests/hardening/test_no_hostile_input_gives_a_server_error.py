"""The hostile crawler (crawler.py) walks the site, the back office, the privacy pages and the
API as a visitor, a customer, a professional and platform staff: no answer is a server error
and nothing is logged as an error, whatever the input."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
import time_machine
from django.test import Client

from creneau.bookings.services import booking_create
from creneau.catalog.models import Closure, ServiceCategory, StaffRole, TimeOff
from tests.conftest import paris
from tests.hardening.crawler import Crawler, Persona

# Monday 7 December 2026, 08:00 in Paris; the salon works Monday to Saturday.
NOW = paris(2026, 12, 7, 8).astimezone(UTC)


def _client(user=None, *, language: str = "en") -> Client:
    client = Client(raise_request_exception=False)
    client.cookies["lang"] = language
    if user is not None:
        client.force_login(user)
    return client


def _token(email: str) -> str:
    from tests.api.conftest import session_token

    return session_token(email)


@pytest.fixture
def world(transactional_db, salon, make_user, settings):
    """A salon with an owner, a customer with a booking, platform staff; blocked time."""
    settings.API_RATE_LIMITS = {}
    settings.ACCOUNT_RATE_LIMITS = False
    customer = make_user()
    owner = make_user(
        "alice.owner@example.org", first_name="Alice", last_name="Roux", phone="+33611111111"
    )
    member = salon.test_staff[0]
    member.user, member.role = owner, StaffRole.OWNER
    member.save(update_fields=["user", "role"])
    staff = make_user(
        "dpo@creneau.example",
        first_name="Dana",
        last_name="Oper",
        is_staff=True,
        is_superuser=True,
        phone="+33655555555",
    )
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 10, 10),
        staff=salon.test_staff[2],
        now=NOW,
    )
    closure = Closure.objects.create(
        business=salon,
        start_date=NOW.date() + timedelta(days=20),
        end_date=NOW.date() + timedelta(days=21),
    )
    time_off = TimeOff.objects.create(
        staff=salon.test_staff[1], start=paris(2026, 12, 11, 9), end=paris(2026, 12, 11, 12)
    )
    category = ServiceCategory.objects.create(business=salon, name="Coupes")
    return {
        "customer": customer,
        "owner": owner,
        "staff": staff,
        "good": {
            "city": ["paris"],
            "slug": ["salon-test"],
            "salon": ["salon-test"],
            "reference": [booking.reference],
            "pk": [
                str(pk)
                for pk in (
                    closure.pk,
                    time_off.pk,
                    category.pk,
                    member.pk,
                    customer.pk,
                    salon.test_services["cut"].pk,
                )
            ],
            "kind": ["account", "contact"],
            "note": ["1"],
            "token": ["not-a-token"],
            "rest": ["nothing/here"],
            "service": [str(salon.test_services["cut"].pk)],
            "services": [str(salon.test_services["cut"].pk)],
            "staff": [str(salon.test_staff[2].pk)],
            "salon_id": ["salon-test"],
            "date": ["2026-12-10"],
            "start": ["2026-12-10T11:00:00+01:00"],
            "from": ["2026-12-10"],
            "to": ["2026-12-11"],
            "start_date": ["2026-12-20"],
            "end_date": ["2026-12-21"],
            "end": ["2026-12-11T12:00"],
            "reason": ["Formation"],
            "label": ["Travaux"],
        },
    }


def test_no_hostile_input_gives_a_server_error_or_a_logged_error(world, capsys):
    with time_machine.travel(NOW, tick=True):
        personas = [
            Persona("visitor", _client(language="fr")),
            Persona(
                "customer",
                _client(world["customer"]),
                {"X-Session-Token": _token(world["customer"].email)},
            ),
            Persona("professional", _client(world["owner"])),
            Persona("platform-staff", _client(world["staff"])),
        ]
        schema = Client().get("/api/v1/openapi.json").json()
        crawler = Crawler(personas=personas, good_values=world["good"])
        report = crawler.run(api_schema=schema)
    print(report.summary())
    assert report.sent > 500, report.summary()
    assert not report.failures and not report.tracebacks, report.summary()
