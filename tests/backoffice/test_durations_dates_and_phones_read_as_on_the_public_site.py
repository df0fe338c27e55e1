"""The back office writes a duration as "2 h 30", a short date as "lun. 7 déc." and a French
phone number as "06 99 88 77 66", like the public site."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.utils import translation

from creneau.catalog.formatting import phone_label, short_day
from tests.backoffice.conftest import NOW

pytestmark = pytest.mark.django_db


def test_short_dates_take_each_languages_abbreviations():
    with translation.override("fr"):
        assert short_day(date(2026, 12, 7)) == "lun. 7 déc."
    with translation.override("en"):
        assert short_day(date(2026, 12, 7)) == "Mon 7 Dec"


def test_french_numbers_are_written_nationally_and_others_internationally():
    assert phone_label("+33699887766") == "06 99 88 77 66"
    assert phone_label("+442079460958") == "+44 20 7946 0958"
    assert phone_label("") == ""


def test_the_price_list_shows_hours_and_minutes(salon, owner, login):
    salon.test_services["colour"].duration_minutes = 150
    salon.test_services["colour"].save(update_fields=["duration_minutes"])
    html = login(owner).get("/pro/salon-test/settings/").content.decode()
    assert "2 h 30" in html and "150 min" not in html


def test_the_agenda_block_shows_the_duration_in_hours_and_minutes(
    salon, owner, book, login, customer
):
    with time_machine.travel(NOW, tick=False):
        book(customer, staff_index=0, service="colour")
        html = login(owner).get("/pro/salon-test/?date=2026-12-10").content.decode()
    assert "Couleur · 1 h" in html


def test_the_week_heads_read_like_french_dates(salon, owner, settings):
    from django.test import Client

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(owner)
    with time_machine.travel(NOW, tick=False):
        html = client.get("/pro/salon-test/week/?date=2026-12-07").content.decode()
    assert "lun. 7 déc." in html and "lun 7 Déc" not in html


def test_the_customer_list_writes_french_numbers_nationally(salon, owner, book, login, customer):
    with time_machine.travel(NOW, tick=False):
        book(customer, staff_index=0)
        html = login(owner).get("/pro/salon-test/customers/").content.decode()
    assert ">06 12 34 56 78</a>" in html and ">+33612345678<" not in html
