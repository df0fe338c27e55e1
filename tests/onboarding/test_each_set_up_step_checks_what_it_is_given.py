"""The guided set-up: a starter price list the owner edits, weekly hours with breaks, the
team, the booking policy; the checklist says what is left and the salon is sent to review
only when nothing is."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest
from django.utils import translation

from creneau.catalog.errors import SettingsError
from creneau.catalog.models import ReviewState, Service, StaffMember, WorkingHours
from creneau.catalog.onboarding import (
    STEP_TEAM,
    DayHours,
    ServiceLine,
    salon_submit,
    setup_checklist,
    setup_hours_set,
    setup_services_add,
    setup_step_confirm,
)
from creneau.catalog.starters import STARTERS, starter_services

from .conftest import NOW, complete_setup, week

pytestmark = pytest.mark.django_db


def test_every_salon_type_has_a_starter_list_named_in_both_languages():
    for category, starters in STARTERS.items():
        assert starters, category
        with translation.override("fr"):
            french = [str(s.name) for s in starter_services(category=category)]
        with translation.override("en"):
            english = [str(s.name) for s in starter_services(category=category)]
        assert french != english, category
        assert all(5 <= s.duration_minutes <= 720 and s.price > 0 for s in starters)


def test_the_price_list_becomes_bookable_services_done_by_the_team(founder, draft_salon):
    setup_services_add(
        actor=founder,
        business=draft_salon,
        lines=[
            ServiceLine("Coupes", "Coupe homme", 30, Decimal("25")),
            ServiceLine("Barbe", "Taille de barbe", 20, Decimal("15")),
        ],
    )
    services = Service.objects.filter(business=draft_salon).order_by("position")
    assert [(s.name, s.category.name, s.duration_minutes) for s in services] == [
        ("Coupe homme", "Coupes", 30),
        ("Taille de barbe", "Barbe", 20),
    ]
    owner = StaffMember.objects.get(business=draft_salon)
    assert all(list(s.staff.all()) == [owner] for s in services)
    draft_salon.refresh_from_db()
    assert draft_salon.price_from == Decimal("15") and draft_salon.service_count == 2


@pytest.mark.parametrize(
    "line",
    [
        ServiceLine("", "", 30, Decimal("25")),
        ServiceLine("", "Coupe", 2, Decimal("25")),
        ServiceLine("", "Coupe", 30, Decimal("-1")),
    ],
)
def test_a_wrong_line_adds_nothing(founder, draft_salon, line):
    with pytest.raises(SettingsError):
        setup_services_add(actor=founder, business=draft_salon, lines=[line])
    assert not Service.objects.exists()


def test_an_empty_price_list_is_refused(founder, draft_salon):
    with pytest.raises(SettingsError):
        setup_services_add(actor=founder, business=draft_salon, lines=[])


def test_the_week_with_breaks_becomes_working_hours_of_the_team(founder, draft_salon):
    setup_hours_set(actor=founder, business=draft_salon, days=week())
    rows = WorkingHours.objects.filter(staff__business=draft_salon).order_by("weekday", "start")
    assert len(rows) == 10  # five days, each cut in two by the break
    assert (rows[0].weekday, rows[0].start, rows[0].end) == (1, time(9), time(12))
    assert (rows[1].weekday, rows[1].start, rows[1].end) == (1, time(13), time(19))


@pytest.mark.parametrize(
    "day",
    [
        DayHours(weekday=0, open=True, start=time(9)),  # no closing time
        DayHours(weekday=0, open=True, start=time(18), end=time(9)),
        DayHours(weekday=0, open=True, start=time(9), end=time(18), break_start=time(12)),
        DayHours(
            weekday=0,
            open=True,
            start=time(9),
            end=time(18),
            break_start=time(8),
            break_end=time(10),
        ),
        DayHours(
            weekday=0,
            open=True,
            start=time(9),
            end=time(18),
            break_start=time(14),
            break_end=time(13),
        ),
        DayHours(weekday=7, open=True, start=time(9), end=time(18)),
    ],
)
def test_a_day_that_does_not_hold_together_is_refused(founder, draft_salon, day):
    with pytest.raises(SettingsError):
        setup_hours_set(actor=founder, business=draft_salon, days=[day])
    assert not WorkingHours.objects.exists()


def test_a_week_with_no_open_day_is_refused(founder, draft_salon):
    closed = [DayHours(weekday=day, open=False) for day in range(7)]
    with pytest.raises(SettingsError):
        setup_hours_set(actor=founder, business=draft_salon, days=closed)


def test_the_checklist_follows_the_steps_and_submitting_waits_for_all(founder, draft_salon):
    assert not any(item.done for item in setup_checklist(actor=founder, business=draft_salon))
    with pytest.raises(SettingsError, match="Finish the set-up"):
        salon_submit(actor=founder, business=draft_salon, now=NOW)
    setup_step_confirm(actor=founder, business=draft_salon, step=STEP_TEAM)
    done = {i.step: i.done for i in setup_checklist(actor=founder, business=draft_salon)}
    assert done == {"services": False, "hours": False, "team": True, "policy": False}

    complete_setup(founder, draft_salon)
    assert all(item.done for item in setup_checklist(actor=founder, business=draft_salon))
    salon_submit(actor=founder, business=draft_salon, now=NOW)
    draft_salon.refresh_from_db()
    assert draft_salon.review_state == ReviewState.SUBMITTED
    assert draft_salon.submitted_at == NOW
    assert draft_salon.is_active is False


def test_a_salon_is_submitted_once(founder, submitted_salon):
    with pytest.raises(SettingsError):
        salon_submit(actor=founder, business=submitted_salon, now=NOW)


def test_the_steps_work_through_the_pages_without_javascript(founder, draft_salon, login):
    client = login(founder)
    base = f"/pro/{draft_salon.slug}/setup/"
    page = client.get(base + "services/").content.decode()
    assert "Beard trim" in page  # the barber's starter list, in English
    data = {"lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "0"}
    data |= {"lines-0-keep": "on", "lines-0-heading": "Cuts", "lines-0-name": "Men's cut"}
    data |= {"lines-0-duration_minutes": "30", "lines-0-price": "25"}
    data |= {"lines-1-name": "Not offered", "lines-1-duration_minutes": "30"}
    assert client.post(base + "services/", data)["Location"] == base + "hours/"
    assert [s.name for s in Service.objects.all()] == ["Men's cut"]

    days = {"days-TOTAL_FORMS": "7", "days-INITIAL_FORMS": "7"}
    for day in range(7):
        days[f"days-{day}-weekday"] = str(day)
        if day < 5:
            days |= {f"days-{day}-open": "on", f"days-{day}-start": "09:30"}
            days |= {f"days-{day}-end": "18:00", f"days-{day}-break_start": "12:30"}
            days[f"days-{day}-break_end"] = "13:30"
    assert client.post(base + "hours/", days)["Location"] == base + "team/"
    assert WorkingHours.objects.count() == 10

    assert client.post(base + "team/", {})["Location"] == base + "policy/"
    policy = {"slot_step_minutes": "30", "min_notice_minutes": "120", "horizon_days": "30"}
    policy |= {"cancellation_deadline_hours": "48", "reminder_hours": "24"}
    assert client.post(base + "policy/", policy)["Location"] == base
    draft_salon.refresh_from_db()
    assert (draft_salon.slot_step_minutes, draft_salon.cancellation_deadline_hours) == (30, 48)

    assert "Send my salon for review" in client.get(base).content.decode()
    client.post(base + "submit/")
    draft_salon.refresh_from_db()
    assert draft_salon.review_state == ReviewState.SUBMITTED


def test_a_wrong_day_is_shown_on_the_page_and_nothing_is_saved(founder, draft_salon, login):
    days = {"days-TOTAL_FORMS": "7", "days-INITIAL_FORMS": "7"}
    for day in range(7):
        days[f"days-{day}-weekday"] = str(day)
    days |= {"days-0-open": "on", "days-0-start": "18:00", "days-0-end": "09:00"}
    response = login(founder).post(f"/pro/{draft_salon.slug}/setup/hours/", days, follow=True)
    assert "The closing time must be after the opening time." in response.content.decode()
    assert not WorkingHours.objects.exists()


def test_the_back_office_home_leads_an_owner_in_set_up_to_the_checklist(
    founder, draft_salon, login
):
    assert login(founder).get("/pro/")["Location"] == f"/pro/{draft_salon.slug}/setup/"
