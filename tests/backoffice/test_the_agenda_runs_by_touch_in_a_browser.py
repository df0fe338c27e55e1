"""The agenda in a real Chromium, at 1280 px and at 390 px: a booking dragged to another time
(or staff member) is moved; dragged onto another booking it is refused in place, in the very
words the no-JavaScript move form shows when the time was taken meanwhile; a tap on an empty
time opens the new-booking form prefilled; on a phone one staff member's column shows at a
time, with a switcher, and the day's bookings as a list."""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from creneau.bookings.errors import SlotTaken
from creneau.bookings.models import Booking
from creneau.bookings.services import booking_create
from tests.backoffice.test_the_back_office_in_a_browser import a_working_day, log_in

pytestmark = pytest.mark.browser
PARIS = ZoneInfo("Europe/Paris")
DESKTOP = {"width": 1280, "height": 1400}
PHONE = {"width": 390, "height": 1400}


def at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def book(salon, customer, *, staff_index: int, start: datetime) -> Booking:
    return booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=start,
        staff=salon.test_staff[staff_index],
        now=timezone.now(),
    )


def point(page, staff_pk: int, minute: int) -> tuple[float, float]:
    """Where, on the screen, `minute` (of the day) is in this staff member's column."""
    grid = page.locator(".agenda[data-first]")
    first = int(grid.get_attribute("data-first"))
    rows = int(grid.get_attribute("data-rows"))
    box = page.locator(f".agenda-col[data-staff='{staff_pk}']").bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + (minute - first) / (rows * 5) * box["height"]


def drag(page, booking: Booking, *, from_minute: int, staff_pk: int, to_minute: int) -> None:
    block = page.locator(f"a.agenda-booking[data-move$='/bookings/{booking.reference}/move/']")
    block.scroll_into_view_if_needed()
    x0, y0 = point(page, booking.staff_id, from_minute)
    x1, y1 = point(page, staff_pk, to_minute)
    page.mouse.move(x0, y0 + 4)
    page.mouse.down()
    page.mouse.move(x0 + (x1 - x0) / 2, y0 + (y1 - y0) / 2 + 4, steps=5)
    page.mouse.move(x1, y1 + 4, steps=5)
    page.mouse.up()


def taken_message() -> str:
    with translation.override("fr"):
        return str(SlotTaken().message)


@pytest.fixture
def agenda_page(_browser, live_server, request):
    """A French browser page of the given size (request.param)."""
    context = _browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=request.param)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("agenda_page", [DESKTOP], indirect=True, ids=["1280px"])
def test_a_booking_dragged_to_another_staff_member_and_time_is_moved(
    agenda_page, transactional_db, salon, manager, customer
):
    page, day = agenda_page, a_working_day()
    booking = book(salon, customer, staff_index=0, start=at(day, 10))
    bruno = salon.test_staff[1]
    log_in(page, manager)
    page.goto(f"/pro/salon-test/?date={day}")

    drag(page, booking, from_minute=600, staff_pk=bruno.pk, to_minute=11 * 60 + 15)

    expect(page.locator(".message-success")).to_be_visible()
    booking.refresh_from_db()
    assert booking.staff == bruno
    assert booking.start.astimezone(PARIS).time() == time(11, 15)
    expect(page.locator(f".agenda-col[data-staff='{bruno.pk}'] a.agenda-booking")).to_contain_text(
        "11:15"
    )


@pytest.mark.parametrize("agenda_page", [PHONE], indirect=True, ids=["390px"])
def test_on_a_phone_a_booking_dragged_to_a_later_time_is_moved(
    agenda_page, transactional_db, salon, manager, customer
):
    page, day = agenda_page, a_working_day()
    alice = salon.test_staff[0]
    booking = book(salon, customer, staff_index=0, start=at(day, 10))
    log_in(page, manager)
    page.goto(f"/pro/salon-test/?date={day}&staff={alice.pk}")

    drag(page, booking, from_minute=600, staff_pk=alice.pk, to_minute=14 * 60 + 30)

    expect(page.locator(".message-success")).to_be_visible()
    booking.refresh_from_db()
    assert booking.start.astimezone(PARIS).time() == time(14, 30)


@pytest.mark.parametrize("agenda_page", [DESKTOP, PHONE], indirect=True, ids=["1280px", "390px"])
def test_an_overlap_is_refused_the_same_way_by_dragging_and_by_the_form(
    agenda_page, _browser, live_server, transactional_db, salon, manager, customer, other_customer
):
    page, day = agenda_page, a_working_day()
    alice = salon.test_staff[0]
    moving = book(salon, customer, staff_index=0, start=at(day, 10))
    book(salon, other_customer, staff_index=0, start=at(day, 14))
    log_in(page, manager)
    page.goto(f"/pro/salon-test/?date={day}&staff={alice.pk}")

    # By dragging onto the 14:00 booking: refused in place, the block back where it was.
    drag(page, moving, from_minute=600, staff_pk=alice.pk, to_minute=14 * 60)
    feedback = page.locator("#agenda-feedback")
    expect(feedback).to_have_text(taken_message())
    expect(page).to_have_url(re.compile(rf"\?date={day}&staff={alice.pk}$"))
    block = page.locator(f"a.agenda-booking[data-move$='/bookings/{moving.reference}/move/']")
    expect(block).to_have_class(re.compile(r"\br-\d+\b.*is-refused|is-refused.*\br-\d+\b"))
    moving.refresh_from_db()
    assert moving.start == at(day, 10)

    # By the form, without JavaScript: the time offered is taken before it is sent.
    context = _browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport=page.viewport_size,
        java_script_enabled=False,
        storage_state=page.context.storage_state(),
    )
    form_page = context.new_page()
    form_page.goto(f"/pro/salon-test/bookings/{moving.reference}/move/?date={day}&staff={alice.pk}")
    form_page.locator(".bo-time label", has_text="16:00").click()
    book(salon, other_customer, staff_index=0, start=at(day, 16))
    form_page.locator("form:has(input[name='start']) button[type='submit']").click()
    expect(form_page.locator(".move-error")).to_have_text(taken_message())
    context.close()
    moving.refresh_from_db()
    assert moving.start == at(day, 10)


@pytest.mark.parametrize("agenda_page", [DESKTOP, PHONE], indirect=True, ids=["1280px", "390px"])
def test_a_tap_on_an_empty_time_opens_the_new_booking_form_prefilled(
    agenda_page, transactional_db, salon, manager
):
    page, day = agenda_page, a_working_day()
    bruno = salon.test_staff[1]
    log_in(page, manager)
    page.goto(f"/pro/salon-test/?date={day}&staff={bruno.pk}")
    page.locator(".agenda[data-first]").scroll_into_view_if_needed()
    x, y = point(page, bruno.pk, 15 * 60)
    page.mouse.click(x, y + 4)

    menu = page.locator(".agenda-menu")
    expect(menu.get_by_role("link", name="Bloquer à partir de 15:00")).to_have_attribute(
        "href", re.compile(rf"staff={bruno.pk}&start={day}T15:00&end={day}T16:00$")
    )
    menu.get_by_role("link", name="Réserver à 15:00").click()

    expect(page).to_have_url(
        re.compile(rf"/bookings/new/\?staff={bruno.pk}&date={day}&time=15:00$")
    )
    expect(page.locator("#choice select[name='staff']")).to_have_value(str(bruno.pk))
    expect(page.locator("#choice input[name='date']")).to_have_value(str(day))
    expect(page.locator(".errorlist")).to_have_count(0)
    page.locator(f"input[name='services'][value='{salon.test_services['cut'].pk}']").check()
    page.locator("#choice button[type='submit']").click()
    expect(page.locator(".bo-time input:checked + label")).to_have_text("15:00")


@pytest.mark.parametrize("agenda_page", [PHONE], indirect=True, ids=["390px"])
def test_on_a_phone_one_column_shows_at_a_time_with_a_switcher_and_the_days_list(
    agenda_page, transactional_db, salon, manager, customer
):
    page, day = agenda_page, a_working_day()
    alice, bruno = salon.test_staff[0], salon.test_staff[1]
    book(salon, customer, staff_index=0, start=at(day, 10))
    log_in(page, manager)
    page.goto(f"/pro/salon-test/?date={day}")

    columns = page.locator(".agenda-day")
    expect(columns.filter(visible=True)).to_have_count(1)
    # The manager (Bruno) sees his own column first.
    expect(columns.filter(visible=True).locator("h2")).to_contain_text("Bruno")
    page.locator(".agenda-switch").get_by_role("link", name="Alice").click()
    expect(columns.filter(visible=True)).to_have_count(1)
    expect(columns.filter(visible=True).locator("h2")).to_contain_text("Alice")
    expect(page.locator(".agenda-switch a[aria-current='true']")).to_have_text("Alice")
    assert alice.pk != bruno.pk

    day_list = page.locator(".agenda-list")
    expect(day_list).to_be_visible()
    expect(day_list.locator("li")).to_have_count(1)
    expect(day_list.locator("li")).to_contain_text("10:00")
    expect(day_list.locator("li")).to_contain_text("Camille Dupont")
    # Nothing scrolls the page sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def touch_drag(page, booking: Booking, *, from_minute: int, to_minute: int) -> None:
    """A finger's drag, as the phone's touch screen sends it (touch events through the
    DevTools protocol, which the browser turns into pointer events of type "touch"): the page
    must not scroll instead."""
    block = page.locator(f"a.agenda-booking[data-move$='/bookings/{booking.reference}/move/']")
    block.scroll_into_view_if_needed()
    x, y0 = point(page, booking.staff_id, from_minute)
    _x, y1 = point(page, booking.staff_id, to_minute)
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y0 + 4}]}
    )
    for step in range(1, 11):
        y = y0 + 4 + (y1 - y0) * step / 10
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_on_a_phone_a_booking_dragged_by_a_finger_is_moved(
    _browser, live_server, transactional_db, salon, manager, customer
):
    context = _browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport=PHONE, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        day = a_working_day()
        alice = salon.test_staff[0]
        booking = book(salon, customer, staff_index=0, start=at(day, 10))
        log_in(page, manager)
        page.goto(f"/pro/salon-test/?date={day}&staff={alice.pk}")

        touch_drag(page, booking, from_minute=600, to_minute=15 * 60)

        expect(page.locator(".message-success")).to_be_visible()
        booking.refresh_from_db()
        assert booking.start.astimezone(PARIS).time() == time(15, 0)
    finally:
        context.close()
