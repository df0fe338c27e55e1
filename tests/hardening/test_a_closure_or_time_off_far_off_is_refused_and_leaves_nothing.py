"""A closure or time off on a far-off day is refused with a message and nothing is saved; a
failure after the first write of a back-office change leaves nothing behind."""

from __future__ import annotations

from datetime import time

import pytest
from django.urls import reverse

from creneau.catalog import freshness, salon_settings, schedule_services
from creneau.catalog.errors import SettingsError
from creneau.catalog.models import Business, Closure, TimeOff, WorkingHours
from creneau.catalog.schedule_services import closure_add, time_off_add
from tests.conftest import paris

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_closure_form_refuses_a_far_off_day(login, owner, salon, frozen, day):
    url = reverse("backoffice:closures", kwargs={"salon": salon.slug})
    response = login(owner).post(url, {"start_date": day, "end_date": day, "label": "x"})
    assert response.status_code == 200
    assert "Choose a date between" in response.content.decode()
    assert not Closure.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01T00:00", "9999-12-31T23:00"])
def test_the_time_off_form_refuses_a_far_off_day(login, owner, salon, frozen, day):
    url = reverse("backoffice:time_off", kwargs={"salon": salon.slug})
    member = salon.test_staff[1]
    response = login(owner).post(url, {"staff": member.pk, "start": day, "end": day})
    assert response.status_code == 200
    assert not TimeOff.objects.exists()


def test_the_domain_refuses_far_off_days_whoever_calls_it(owner, salon, frozen):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    with pytest.raises(SettingsError):
        closure_add(
            actor=owner, business=salon, start_date=date(9999, 12, 31), end_date=date(9999, 12, 31)
        )
    paris_tz = ZoneInfo("Europe/Paris")
    with pytest.raises(SettingsError):
        time_off_add(
            actor=owner,
            business=salon,
            member=salon.test_staff[1],
            start=datetime(1, 1, 1, 9, tzinfo=paris_tz),
            end=datetime(1, 1, 1, 12, tzinfo=paris_tz),
        )
    assert not Closure.objects.exists() and not TimeOff.objects.exists()


class Boom(Exception):
    pass


def _fail(*args, **kwargs):
    raise Boom()


def test_a_failure_after_the_closure_is_written_leaves_no_closure(
    owner, salon, frozen, monkeypatch
):
    # The row's post_save tells the public pages, after the INSERT: make that fail.
    monkeypatch.setattr(freshness, "public_pages_changed", _fail)
    with pytest.raises(Boom):
        closure_add(
            actor=owner,
            business=salon,
            start_date=paris(2026, 12, 20, 0).date(),
            end_date=paris(2026, 12, 21, 0).date(),
        )
    assert not Closure.objects.exists()


def test_a_failure_after_the_time_off_is_written_leaves_no_time_off(
    owner, salon, frozen, monkeypatch
):
    monkeypatch.setattr(freshness, "public_pages_changed", _fail)
    with pytest.raises(Boom):
        time_off_add(
            actor=owner,
            business=salon,
            member=salon.test_staff[1],
            start=paris(2026, 12, 11, 9),
            end=paris(2026, 12, 11, 12),
        )
    assert not TimeOff.objects.exists()


def test_a_failure_after_the_hours_are_replaced_keeps_the_old_hours(
    owner, salon, frozen, monkeypatch
):
    member = salon.test_staff[1]
    before = sorted(WorkingHours.objects.filter(staff=member).values_list("weekday", "start"))
    monkeypatch.setattr(schedule_services, "public_pages_changed", _fail)
    with pytest.raises(Boom):
        schedule_services.working_hours_set(
            actor=owner, business=salon, member=member, hours={0: [(time(10), time(11))]}
        )
    after = sorted(WorkingHours.objects.filter(staff=member).values_list("weekday", "start"))
    assert after == before


def test_a_failure_after_the_settings_are_saved_keeps_the_old_settings(
    owner, salon, frozen, monkeypatch
):
    def save_then_fail(*, business):
        business.save()
        raise Boom()

    monkeypatch.setattr(salon_settings, "business_save", save_then_fail)
    with pytest.raises(Boom):
        salon_settings.business_update(actor=owner, business=salon, changes={"name": "Autre nom"})
    assert Business.objects.get(pk=salon.pk).name == "Salon Test"


def test_a_city_without_letters_is_refused_not_a_server_error(owner, salon, frozen):
    with pytest.raises(SettingsError):
        salon_settings.business_update(actor=owner, business=salon, changes={"city": "<>"})
    assert Business.objects.get(pk=salon.pk).city == "Paris"
