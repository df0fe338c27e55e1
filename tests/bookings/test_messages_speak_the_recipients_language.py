"""Each message is written in its recipient's language (French or English) and shows times
in the salon's time zone, whoever triggered it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.helpers import NOW, book

pytestmark = pytest.mark.django_db

START = paris(2026, 12, 10, 10)


def confirmation() -> OutboundMessage:
    return OutboundMessage.objects.get(template="booking_confirmed")


def test_an_english_customer_gets_english(salon, customer):
    customer.language = "en"
    customer.save(update_fields=["language"])

    with translation.override("fr"):  # whatever language the page was in
        book(salon, customer, START)

    message = confirmation()
    assert message.language == "en"
    assert message.subject == "Your booking at Salon Test is confirmed"
    assert "When: Thursday 10 December 2026 at 10:00" in message.body_text
    assert '<html lang="en">' in message.body_html


def test_a_french_customer_gets_french(salon, customer):
    assert customer.language == "fr"

    with translation.override("en"):
        book(salon, customer, START)

    message = confirmation()
    assert message.language == "fr"
    assert "jeudi 10 décembre 2026" in message.body_text
    assert '<html lang="fr">' in message.body_html


def test_times_are_shown_in_the_salons_time_zone(salon, customer):
    salon.timezone = "America/Martinique"  # UTC-4 all year
    salon.save(update_fields=["timezone"])
    customer.language = "en"
    customer.save(update_fields=["language"])
    start = START.astimezone(ZoneInfo("America/Martinique")).replace(hour=10)
    book(salon, customer, start, now=NOW)

    assert "at 10:00" in confirmation().body_text
