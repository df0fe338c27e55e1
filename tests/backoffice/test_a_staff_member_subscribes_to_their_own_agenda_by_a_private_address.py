"""A team member gets a private calendar address for their own agenda: a valid calendar with
the services and the customer's first name only, shown once, stored as a hash, and dead once
renewed or stopped; another member's address never gives it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from icalendar import Calendar

from creneau.bookings.feed import staff_feed_ics, staff_feed_renew, staff_for_feed_token
from creneau.bookings.models import StaffCalendarFeed
from creneau.bookings.salon import NewContact, booking_create_for_salon
from creneau.bookings.services import booking_cancel
from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def renew(client, salon):
    """Make a new address from the page and return it, as the member copies it."""
    response = client.post(f"/pro/{salon.slug}/calendar/", {"action": "renew"})
    assert response.status_code == 200
    match = re.search(r'value="(http://testserver/pro/_calendar/[^"]+\.ics)"', response.text)
    assert match, "the new address is shown on the page"
    return match.group(1).removeprefix("http://testserver")


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return calendar.walk("VEVENT")


def test_the_feed_is_a_calendar_of_my_bookings_with_first_names_only(
    salon, staff_user, owner, customer, book, login, frozen
):
    mine = book(customer, staff_index=2)
    book(customer, staff_index=0, start=THURSDAY + timedelta(hours=4))  # Alice's, not mine
    walk_in = booking_create_for_salon(
        actor=owner,
        business=salon,
        services=[salon.test_services["colour"]],
        start=THURSDAY + timedelta(hours=5),
        staff=salon.test_staff[2],
        new_contact=NewContact(
            name="Denis Passant", phone="+33655555555", email="denis@example.org"
        ),
        now=NOW,
    )
    client = login(staff_user)
    url = renew(client, salon)
    response = login(None).get(url)
    found = events(response)
    assert [str(e["summary"]) for e in found] == ["Coupe · Camille", "Couleur · Denis"]
    first = found[0]
    assert first["dtstart"].dt == THURSDAY
    assert str(first["dtstart"].dt.tzinfo) == "Europe/Paris"
    assert first["dtend"].dt == mine.end
    assert walk_in.reference in str(found[1]["uid"])
    body = response.content.decode()
    for secret in (
        customer.email,
        "Dupont",
        "612345678",
        "12 34 56 78",
        "denis@example.org",
        "655555555",
        "Passant",
    ):
        assert secret not in body


def test_a_cancelled_booking_leaves_the_feed(salon, staff_user, customer, book, login, frozen):
    booking = book(customer)
    url = renew(login(staff_user), salon)
    assert len(events(login(None).get(url))) == 1
    booking_cancel(booking=booking, actor=customer, now=NOW)
    assert events(login(None).get(url)) == []


def test_the_feed_keeps_thirty_days_back_and_ninety_ahead(salon, staff_user, customer, book):
    booking = book(customer)
    staff = salon.test_staff[2]
    assert len(Calendar.from_ical(staff_feed_ics(staff=staff, now=NOW)).walk("VEVENT")) == 1
    late = booking.start + timedelta(days=31)
    assert Calendar.from_ical(staff_feed_ics(staff=staff, now=late)).walk("VEVENT") == []
    early = booking.start - timedelta(days=91)
    assert Calendar.from_ical(staff_feed_ics(staff=staff, now=early)).walk("VEVENT") == []


def test_a_new_address_kills_the_old_one(salon, staff_user, customer, book, login, frozen):
    book(customer)
    client = login(staff_user)
    old = renew(client, salon)
    new = renew(client, salon)
    assert old != new
    assert login(None).get(old).status_code == 404
    assert len(events(login(None).get(new))) == 1


def test_a_stopped_address_is_gone(salon, staff_user, login, frozen):
    client = login(staff_user)
    url = renew(client, salon)
    assert client.post(f"/pro/{salon.slug}/calendar/", {"action": "stop"}).status_code == 200
    assert login(None).get(url).status_code == 404
    assert not StaffCalendarFeed.objects.exists()


def test_only_a_hash_is_kept_and_the_address_is_not_shown_again(salon, staff_user, login, frozen):
    client = login(staff_user)
    url = renew(client, salon)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    feed = StaffCalendarFeed.objects.get()
    assert token not in feed.token_hash and len(feed.token_hash) == 64
    page = client.get(f"/pro/{salon.slug}/calendar/")
    assert token not in page.text
    assert "not shown again" in page.text


def test_another_members_address_gives_their_agenda_not_mine(
    salon, staff_user, owner, customer, other_customer, book, frozen
):
    book(customer, staff_index=2)
    book(other_customer, staff_index=0)
    mine = staff_feed_renew(actor=staff_user, business=salon, now=NOW)
    theirs = staff_feed_renew(actor=owner, business=salon, now=NOW)
    assert staff_for_feed_token(mine) == salon.test_staff[2]
    assert staff_for_feed_token(theirs) == salon.test_staff[0]
    assert staff_for_feed_token(mine[:-1] + ("A" if mine[-1] != "A" else "B")) is None
    assert staff_for_feed_token("") is None
    assert staff_for_feed_token("x" * 500) is None


def test_a_member_who_left_the_team_has_no_feed(salon, staff_user, login, frozen):
    url = renew(login(staff_user), salon)
    salon.test_staff[2].is_active = False
    salon.test_staff[2].save(update_fields=["is_active"])
    assert login(None).get(url).status_code == 404


def test_an_unknown_address_is_404_and_hammering_it_is_429(db, login):
    client = login(None)
    statuses = [client.get("/pro/_calendar/nope-nope.ics").status_code for _ in range(31)]
    assert statuses[0] == 404
    assert statuses[-1] == 429


def test_the_page_is_for_members_only(salon, other_owner, login):
    assert login(other_owner).get(f"/pro/{salon.slug}/calendar/").status_code == 404
    assert login(None).get(f"/pro/{salon.slug}/calendar/").status_code == 302
