"""The day view: a column per staff member with their bookings as blocks, breaks and time off
shaded, closures, the now line, and navigation by day; plain staff see their own column."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import time_machine

from creneau.bookings.salon import NewContact, booking_create_for_salon
from creneau.catalog.models import Closure, TimeOff
from tests.backoffice.conftest import NOW, THURSDAY
from tests.conftest import paris

pytestmark = pytest.mark.django_db
URL = "/pro/salon-test/?date=2026-12-10"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def columns(html: str) -> list[str]:
    return re.findall(r'<h2 class="agenda-head" id="col-\d+">\s*<a [^>]*>([^<]+)</a>', html)


def test_a_manager_sees_every_staff_members_column_with_their_bookings(
    salon, manager, customer, book, login
):
    book(customer, staff_index=1)  # Bruno, 10:00, a cut of 30 minutes
    html = login(manager).get(URL).content.decode()
    assert columns(html) == ["Alice", "Bruno", "Chloé"]
    block = re.search(r'<a class="agenda-booking[^"]*"[^>]*>(.*?)</a>', html, re.S).group(1)
    assert "10:00\u201310:30" in block
    assert "Camille Dupont" in block
    assert "Coupe" in block
    assert "30 min" in block


def test_a_staff_member_sees_only_their_own_column(salon, staff_user, customer, book, login):
    book(customer, staff_index=0)
    html = login(staff_user).get(URL).content.decode()
    assert columns(html) == ["Chloé"]
    assert "Camille Dupont" not in html


def test_breaks_and_time_off_are_shaded(salon, manager, login):
    TimeOff.objects.create(
        staff=salon.test_staff[0],
        start=paris(2026, 12, 10, 15),
        end=paris(2026, 12, 10, 17),
        reason="Training",
    )
    html = login(manager).get(URL).content.decode()
    # The window is 09:00-18:00, one row per 5 minutes: the lunch break 12:00-13:00 is rows
    # 37 to 48 in each of the three columns.
    assert html.count('class="agenda-off r-37 s-12"') == 3
    assert 'class="agenda-timeoff r-73 s-24"' in html
    assert "Time off 15:00\u201317:00" in html
    assert "Training" in html


def test_a_closed_day_says_so(salon, manager, login):
    Closure.objects.create(
        business=salon, start_date=date(2026, 12, 10), end_date=date(2026, 12, 10), label="Fête"
    )
    html = login(manager).get(URL).content.decode()
    assert html.count("Salon closed: Fête") == 3


def test_the_now_line_is_drawn_on_today_only(salon, manager, login):
    client = login(manager)
    with time_machine.travel(paris(2026, 12, 10, 10, 42), tick=False):
        today = client.get("/pro/salon-test/").content.decode()
        tomorrow = client.get("/pro/salon-test/?date=2026-12-11").content.decode()
    assert 'class="agenda-now r-21"' in today  # (10:42 - 09:00) // 5 min + 1
    assert "Now: 10:42" in today
    assert "agenda-now" not in tomorrow


def test_the_day_navigation_links_the_previous_and_next_days_and_today(salon, manager, login):
    html = login(manager).get(URL).content.decode()
    assert 'href="?date=2026-12-09" rel="prev"' in html
    assert 'href="?date=2026-12-11" rel="next"' in html
    assert 'href="?date=2026-12-07"' in html  # today, the frozen Monday


def test_bookings_made_by_the_salon_for_a_contact_show_the_contacts_name(salon, manager, login):
    booking_create_for_salon(
        actor=manager,
        business=salon,
        services=[salon.test_services["colour"]],
        start=THURSDAY + timedelta(hours=4),
        staff=salon.test_staff[2],
        new_contact=NewContact(name="Walk-in Wanda", phone="0611111111"),
        now=NOW,
    )
    html = login(manager).get(URL).content.decode()
    assert "Walk-in Wanda" in html
    assert "14:00\u201315:00" in html


def test_the_week_view_shows_one_staff_member_day_by_day(salon, manager, customer, book, login):
    book(customer, staff_index=1)
    html = (
        login(manager)
        .get(f"/pro/salon-test/week/?date=2026-12-10&staff={salon.test_staff[1].pk}")
        .content.decode()
    )
    assert len(re.findall(r'<h2 class="agenda-head"', html)) == 7
    assert "Bruno, week of 7 December to 13 December 2026" in html
    assert "Camille Dupont" in html


def test_the_page_uses_no_inline_style(salon, manager, customer, book, login):
    book(customer)
    html = login(manager).get(URL).content.decode()
    assert "style=" not in html
