"""A success message of the back office (after a booking is cancelled, a setting saved...) is
shown once, not once by the site's layout and again by the back office's."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_saved_setting_says_so_once(salon, manager, login):
    member = salon.test_staff[0]
    response = login(manager).post(
        f"/pro/salon-test/settings/staff/{member.pk}/hours/",
        {"day_0_from_0": "09:00", "day_0_to_0": "12:00"},
        follow=True,
    )
    assert response.content.decode().count("The weekly hours are saved.") == 1
