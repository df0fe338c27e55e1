"""Schemathesis over the whole OpenAPI document, in process (WSGI), anonymous and logged in.

Every operation is called with generated requests, valid and invalid; the checks are
Schemathesis's defaults: no 5xx, status codes, content types, headers and bodies as the
document says, invalid input refused, authentication not ignored. The number of examples is
bounded so the whole file takes about a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
import time_machine
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from creneau.bookings.services import booking_create
from creneau.wsgi import application
from tests.api.conftest import NOW, TUESDAY_10, session_token

# A request valid by the document may still be refused with 422 for a reason the document
# cannot express (a landline given as mobile phone, a salon slug that does not exist, a time in
# the past): that is the documented "validation-error" problem. Any other refusal of valid
# data (400, 405, 415, ...) still fails the check, and so does any 5xx.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]
            }
        }
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)

EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def world(settings, salon, customer, other_customer):
    """A salon to find, a booking of mine and one of someone else's to aim at."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    cut = salon.test_services["cut"]
    # The clock runs from the Monday before the bookings, whatever day the tests run on.
    with time_machine.travel(NOW):
        booking_create(customer=customer, business=salon, services=[cut], start=TUESDAY_10)
        booking_create(
            customer=other_customer,
            business=salon,
            services=[cut],
            start=TUESDAY_10,
            staff=salon.test_staff[1],
        )
        yield {"token": session_token(customer.email)}


@pytest.fixture
def app(world):
    """Requests go straight to the WSGI application, in the test's transaction: like Django's
    test client, keep the connection open between requests (Django closes it after each).
    After `world`, whose test-client login connects the signals again when it is done."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield world
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_anonymous_calls(case, app):
    case.call_and_validate()


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_calls_of_a_logged_in_customer(case, app):
    case.call_and_validate(headers={"X-Session-Token": app["token"]})
