"""Our audience measurement: a count per path and day, only for visitors who accepted it."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from creneau.consent.models import PageView
from creneau.consent.services import page_view_record
from tests.conftest import paris

pytestmark = pytest.mark.django_db


def choose(client, choice, categories=()):
    client.post(reverse("privacy:consent_save"), {"choice": choice, "categories": list(categories)})


def counts() -> dict[str, int]:
    return dict(PageView.objects.values_list("path", "count"))


def test_nothing_is_counted_before_a_choice(client):
    client.get("/")
    client.get(reverse("privacy:cookie_policy"))
    assert counts() == {}


@pytest.mark.parametrize("categories", [(), ("personalisation", "marketing")])
def test_nothing_is_counted_without_analytics(client, categories):
    choose(client, "save", categories)
    client.get("/")
    assert counts() == {}


def test_each_page_view_is_counted_per_path_once_analytics_is_accepted(client):
    choose(client, "save", ["analytics"])
    client.get("/")
    client.get("/")
    client.get(reverse("privacy:cookie_policy") + "?utm_source=letter")
    assert counts() == {"/": 2, "/cookies/": 1}


def test_only_successful_html_get_pages_are_counted(client):
    choose(client, "accept_all")
    client.get("/salons/nowhere-at-all/")  # 404
    client.get("/healthz")  # JSON
    client.head("/")
    client.post(reverse("privacy:consent_save"), {"choice": "accept_all"})  # redirect
    assert counts() == {}


def test_private_areas_are_never_counted(client, customer):
    choose(client, "accept_all")
    client.force_login(customer)
    client.get(reverse("booking:list"))
    client.get(reverse("account_email"))
    assert counts() == {}


def test_the_day_is_the_local_day(client):
    choose(client, "accept_all")
    with time_machine.travel(paris(2026, 12, 8, 23, 30), tick=False):
        client.get("/")
    with time_machine.travel(paris(2026, 12, 9, 0, 30), tick=False):
        client.get("/")
    days = dict(PageView.objects.values_list("day", "count"))
    assert days == {date(2026, 12, 8): 1, date(2026, 12, 9): 1}


def test_counting_can_be_switched_off_by_the_operator(client, settings):
    settings.AUDIENCE_MEASUREMENT_ENABLED = False
    choose(client, "accept_all")
    client.get("/")
    assert counts() == {}


def test_the_count_is_incremented_in_the_database_not_overwritten():
    day = date(2026, 12, 8)
    page_view_record(path="/", day=day)
    stale = PageView.objects.get()
    page_view_record(path="/", day=day)
    page_view_record(path="/", day=day)
    stale.refresh_from_db()
    assert stale.count == 3


def test_a_page_view_row_holds_nothing_about_the_visitor():
    assert {f.name for f in PageView._meta.get_fields()} == {"id", "path", "day", "count"}
