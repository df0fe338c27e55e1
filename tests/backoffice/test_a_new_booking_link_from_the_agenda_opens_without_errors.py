"""The agenda's links to a new booking carry the staff member, the day and, from a tap on the
grid, the time: the form opens prefilled and without any "This field is required."; the time,
once the services are chosen, is already selected when free."""

from __future__ import annotations

import re

import pytest
import time_machine

from tests.backoffice.conftest import NOW

pytestmark = pytest.mark.django_db
NEW = "/pro/salon-test/bookings/new/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_link_with_a_day_and_a_staff_member_shows_no_error(salon, manager, login):
    chloe = salon.test_staff[2]
    html = login(manager).get(NEW, {"date": "2026-12-10", "staff": chloe.pk}).content.decode()
    assert "This field is required." not in html
    assert 'value="2026-12-10"' in html
    assert re.search(rf'<option value="{chloe.pk}" selected>', html)


def test_a_tapped_time_is_carried_and_selected_once_the_services_are_chosen(salon, manager, login):
    client = login(manager)
    chloe = salon.test_staff[2]
    first = client.get(NEW, {"date": "2026-12-10", "staff": chloe.pk, "time": "10:30"})
    assert '<input type="hidden" name="time" value="10:30">' in first.content.decode()
    html = client.get(
        NEW,
        {
            "step": "1",
            "date": "2026-12-10",
            "staff": chloe.pk,
            "time": "10:30",
            "services": salon.test_services["cut"].pk,
        },
    ).content.decode()
    checked = re.findall(r'value="([^"]+)" required checked><label for="start-\d+">([^<]+)<', html)
    assert [label for _value, label in checked] == ["10:30"]


def test_the_first_step_sent_without_a_service_says_what_is_missing(salon, manager, login):
    html = login(manager).get(NEW, {"step": "1", "date": "2026-12-10"}).content.decode()
    assert "This field is required." in html
