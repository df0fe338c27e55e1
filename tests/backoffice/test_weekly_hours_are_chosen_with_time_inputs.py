"""The weekly hours of a staff member are set with a start and an end time input per range,
several ranges a day (the gaps are breaks), not typed as free text."""

from __future__ import annotations

from datetime import time

import pytest

from creneau.catalog.models import WorkingHours

pytestmark = pytest.mark.django_db


def test_the_page_offers_time_inputs_filled_with_the_current_hours(salon, manager, login):
    member = salon.test_staff[0]
    html = login(manager).get(f"/pro/salon-test/settings/staff/{member.pk}/hours/").content.decode()
    assert 'type="time" name="day_0_from_0" value="09:00"' in html
    assert 'type="time" name="day_0_to_1" value="18:00"' in html
    assert 'type="text" name="day_0"' not in html


def test_ranges_chosen_with_time_inputs_are_saved(salon, manager, login):
    member = salon.test_staff[0]
    response = login(manager).post(
        f"/pro/salon-test/settings/staff/{member.pk}/hours/",
        {
            "day_1_from_0": "08:30",
            "day_1_to_0": "12:00",
            "day_1_from_1": "14:00",
            "day_1_to_1": "19:30",
        },
    )
    assert response.status_code == 302
    assert list(
        WorkingHours.objects.filter(staff=member).values_list("weekday", "start", "end")
    ) == [(1, time(8, 30), time(12)), (1, time(14), time(19, 30))]


def test_a_range_without_its_end_is_refused(salon, manager, login):
    member = salon.test_staff[0]
    response = login(manager).post(
        f"/pro/salon-test/settings/staff/{member.pk}/hours/", {"day_1_from_0": "08:30"}
    )
    assert response.status_code == 200
    assert "Give each range a start and an end." in response.content.decode()
    assert WorkingHours.objects.filter(staff=member, weekday=1).count() == 2  # unchanged
