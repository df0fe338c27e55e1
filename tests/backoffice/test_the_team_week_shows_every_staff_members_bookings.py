"""A manager sees the whole team's week, a day at a time, every staff member's bookings and
time off; a plain staff member cannot open it."""

from __future__ import annotations

import pytest
import time_machine

from creneau.catalog.models import TimeOff
from tests.backoffice.conftest import NOW, THURSDAY
from tests.conftest import paris

pytestmark = pytest.mark.django_db
TEAM_WEEK = "/pro/salon-test/week/?staff=team&date=2026-12-07"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_manager_sees_each_staff_members_bookings_and_time_off(
    salon, manager, book, customer, other_customer, login
):
    book(customer, staff_index=0)
    book(other_customer, staff_index=2, start=THURSDAY.replace(hour=15))
    TimeOff.objects.create(
        staff=salon.test_staff[1], start=paris(2026, 12, 8, 15), end=paris(2026, 12, 8, 16)
    )
    html = login(manager).get(TEAM_WEEK).content.decode()
    assert html.count('class="team-day card') == 7
    assert "10:00</span> Camille Dupont" in html
    assert "15:00</span> Jean Martin" in html
    assert "Time off 15:00\u201316:00" in html
    for name in ("Alice", "Bruno", "Chloé"):
        assert f"<h3>{name}</h3>" in html


def test_a_staff_member_gets_their_own_week_instead(salon, staff_user, login):
    html = login(staff_user).get(TEAM_WEEK).content.decode()
    assert 'class="team-day card' not in html
    assert "Chloé" in html
