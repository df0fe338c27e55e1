"""Refusing every optional cookie changes nothing to booking: no cookie wall."""

from __future__ import annotations

from datetime import UTC

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from creneau.bookings.models import Booking
from tests.conftest import PASSWORD, paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8)


def test_a_customer_who_refused_everything_searches_logs_in_and_books(salon, customer):
    with time_machine.travel(NOW, tick=False):
        client = Client()
        client.post(reverse("privacy:consent_save"), {"choice": "refuse_all", "next": "/"})
        assert client.get(reverse("web:search"), {"where": "Paris"}).status_code == 200
        salon_page = client.get(salon.get_absolute_url())
        assert salon_page.status_code == 200
        cut = salon.test_services["cut"]
        slots = client.get(
            reverse("booking:slots", args=[salon.city_slug, salon.slug]),
            {"service": cut.pk, "date": "2026-12-08"},
        )
        assert slots.status_code == 200 and slots.context["slots"]
        login = client.post(
            reverse("account_login"), {"login": customer.email, "password": PASSWORD}
        )
        assert login.status_code == 302
        start = paris(2026, 12, 8, 10).astimezone(UTC).isoformat()
        review_url = reverse("booking:review", args=[salon.city_slug, salon.slug])
        review = client.get(review_url, {"service": cut.pk, "start": start})
        assert review.status_code == 200
        confirm = client.post(
            review_url, {"service": cut.pk, "start": start, "key": review.context["key"]}
        )
        booking = Booking.objects.get()
        assert confirm.url == reverse("booking:detail", args=[booking.reference])
        assert client.get(confirm.url).status_code == 200
        # Still only necessary cookies, and the refusal still stands.
        optional = {"search_prefs", "_ga", "_fbp", "_gcl_au"}
        assert not optional & set(client.cookies)
        settings_page = client.get(reverse("privacy:consent_settings"))
        assert settings_page.context["consent"].granted == frozenset()
