"""Joining checks what is asked; a customer leaves from the account; an entry ends when its
dates pass or its customer books the same service by another route; a leaver's hold passes on."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from creneau.bookings.services import booking_cancel, booking_create
from creneau.waitlist.errors import InvalidEntry
from creneau.waitlist.models import EntryStatus, OfferStatus, WaitlistEntry, WaitlistOffer
from creneau.waitlist.services import waitlist_join, waitlist_leave, waitlist_offers_make
from tests.waitlist.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db


def join(salon, customer, **changes):
    arguments = dict(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        first_day=THURSDAY.date(),
        last_day=THURSDAY.date(),
        now=NOW,
    )
    arguments.update(changes)
    return waitlist_join(**arguments)


@pytest.mark.parametrize(
    "changes",
    [
        {"services": []},
        {"first_day": NOW.date() - timedelta(days=5), "last_day": NOW.date() - timedelta(days=1)},
        {"first_day": THURSDAY.date(), "last_day": THURSDAY.date() - timedelta(days=1)},
        {"weekdays": ""},
        {"weekdays": "7"},
        {"earliest": time(12), "latest": time(9)},
    ],
)
def test_a_join_that_makes_no_sense_is_refused(salon, customer, frozen, changes):
    with pytest.raises(InvalidEntry):
        join(salon, customer, **changes)
    assert WaitlistEntry.objects.count() == 0


def test_a_service_of_another_salon_is_refused(salon, customer, frozen):
    from creneau.catalog.models import Business, Service

    other = Business.objects.create(
        name="Autre", slug="autre", category="hair", city="Lyon", city_slug="lyon"
    )
    foreign = Service.objects.create(business=other, name="X", duration_minutes=30, price="1.00")
    with pytest.raises(InvalidEntry):
        join(salon, customer, services=[foreign])


def test_a_leaver_is_no_longer_offered_and_their_hold_passes_on(
    salon, booked_slot, waiters, django_capture_on_commit_callbacks
):
    first, second = waiters(2)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    entry = WaitlistEntry.objects.get(customer=first)
    with django_capture_on_commit_callbacks(execute=True):
        waitlist_leave(entry=entry, customer=first, now=NOW)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.LEFT
    (offer,) = WaitlistOffer.objects.filter(status=OfferStatus.HELD)
    assert offer.entry.customer == second


def test_entries_expire_when_their_dates_pass(salon, waiters, frozen):
    waiters(2)
    frozen.move_to(THURSDAY + timedelta(days=1))
    waitlist_offers_make(business=salon, now=THURSDAY + timedelta(days=1))
    assert set(WaitlistEntry.objects.values_list("status", flat=True)) == {EntryStatus.EXPIRED}


def test_booking_the_service_by_the_normal_flow_leaves_the_list(salon, waiters, booked_slot):
    (waiter,) = waiters(1)
    booking_create(
        customer=waiter,
        business=salon,
        services=[salon.test_services["cut"]],
        start=THURSDAY + timedelta(hours=3),
        staff=salon.test_staff[1],
        now=NOW,
    )
    waitlist_offers_make(business=salon, now=NOW)
    assert WaitlistEntry.objects.get(customer=waiter).status == EntryStatus.BOOKED


def test_the_site_pages_join_list_and_leave(client, salon, customer, frozen):
    client.force_login(customer)
    cut = salon.test_services["cut"]
    url = f"/salons/paris/salon-test/waitlist/?service={cut.pk}"
    form = client.get(url)
    assert form.status_code == 200
    # Dates prefilled as a date input reads them: today and three weeks on.
    assert 'value="2026-12-07"' in form.content.decode()
    assert 'value="2026-12-28"' in form.content.decode()
    answer = client.post(
        url,
        {
            "service": [cut.pk],
            "staff": "",
            "first_day": "2026-12-08",
            "last_day": "2026-12-31",
            "weekdays": ["5"],
            "time_of_day": "morning",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    entry = WaitlistEntry.objects.get(customer=customer)
    assert (entry.weekdays, entry.earliest, entry.latest) == ("5", time(0), time(11, 59))
    assert "Salon Test" in client.get("/account/waitlist/").content.decode()
    client.post(f"/account/waitlist/{entry.pk}/leave/")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.LEFT


def test_no_one_else_reaches_an_entry_or_an_offer(
    client, salon, booked_slot, waiters, other_customer, django_capture_on_commit_callbacks
):
    (waiter,) = waiters(1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    offer = WaitlistOffer.objects.get()
    client.force_login(other_customer)
    assert client.get(f"/account/waitlist/offers/{offer.token}/").status_code == 404
    entry = WaitlistEntry.objects.get(customer=waiter)
    assert client.post(f"/account/waitlist/{entry.pk}/leave/").status_code == 404
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WAITING


def test_a_held_time_booked_by_someone_else_lapses_at_once(
    salon, booked_slot, waiters, other_customer, django_capture_on_commit_callbacks
):
    (waiter,) = waiters(1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    offer = WaitlistOffer.objects.get(status=OfferStatus.HELD)
    # The hold is among waiters only: another customer books the time the normal way.
    with django_capture_on_commit_callbacks(execute=True):
        booking_create(
            customer=other_customer,
            business=salon,
            services=[salon.test_services["cut"]],
            start=THURSDAY,
            staff=salon.test_staff[0],
            now=NOW,
        )
    offer.refresh_from_db()
    assert offer.status == OfferStatus.LAPSED
    assert WaitlistEntry.objects.get(customer=waiter).status == EntryStatus.WAITING


def test_a_second_click_books_once_even_after_a_run_marked_the_offer(
    salon, booked_slot, waiters, django_capture_on_commit_callbacks
):
    from creneau.waitlist.services import waitlist_offer_accept

    (waiter,) = waiters(1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    offer = WaitlistOffer.objects.get(status=OfferStatus.HELD)
    first = waitlist_offer_accept(token=offer.token, customer=waiter, now=NOW)
    # As a run of the waitlist between the booking's commit and the offer's update would.
    WaitlistOffer.objects.filter(pk=offer.pk).update(status=OfferStatus.LAPSED)
    again = waitlist_offer_accept(token=offer.token, customer=waiter, now=NOW)
    assert again.pk == first.pk
    offer.refresh_from_db()
    assert (offer.status, offer.booking_id) == (OfferStatus.BOOKED, first.pk)
