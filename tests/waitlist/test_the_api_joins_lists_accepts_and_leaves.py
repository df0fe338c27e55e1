"""The API: join a waitlist, see it with the time held, book it from the token, leave."""

from __future__ import annotations

import pytest

from creneau.bookings.services import booking_cancel
from creneau.waitlist.models import EntryStatus, WaitlistEntry
from tests.waitlist.conftest import NOW

pytestmark = pytest.mark.django_db


def test_join_see_the_hold_book_it_then_a_second_accept_returns_the_same_booking(
    client, salon, customer, booked_slot, django_capture_on_commit_callbacks
):
    client.force_login(customer)
    cut, alice = salon.test_services["cut"], salon.test_staff[0]
    joined = client.post(
        "/api/v1/me/waitlist",
        {
            "salon": "salon-test",
            "services": [cut.pk],
            "staff": alice.pk,
            "first_day": "2026-12-10",
            "last_day": "2026-12-10",
            "weekdays": "3",
            "earliest": "10:00",
            "latest": "10:00",
        },
        content_type="application/json",
    )
    assert joined.status_code == 201, joined.content
    assert joined.json()["held"] == []

    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    (entry,) = client.get("/api/v1/me/waitlist").json()
    (hold,) = entry["held"]
    assert hold["start"].startswith("2026-12-10T09:00")  # 10:00 in Paris, in UTC

    url = f"/api/v1/me/waitlist/offers/{hold['token']}/accept"
    first = client.post(url, content_type="application/json")
    again = client.post(url, content_type="application/json")
    assert first.status_code == 201, first.content
    assert first.json()["reference"] == again.json()["reference"]
    assert first.json()["start"].startswith("2026-12-10T10:00:00+01:00")
    assert WaitlistEntry.objects.get().status == EntryStatus.BOOKED


def test_refusals_are_problem_documents_and_leaving_works(client, salon, customer, frozen):
    client.force_login(customer)
    bad = client.post(
        "/api/v1/me/waitlist",
        {
            "salon": "salon-test",
            "services": [salon.test_services["cut"].pk],
            "first_day": "2026-12-10",
            "last_day": "2026-12-09",
        },
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad["Content-Type"] == "application/problem+json"
    assert bad.json()["code"] == "invalid_waitlist_entry"
    made = client.post(
        "/api/v1/me/waitlist",
        {
            "salon": "salon-test",
            "services": [salon.test_services["cut"].pk],
            "first_day": "2026-12-10",
            "last_day": "2026-12-20",
        },
        content_type="application/json",
    ).json()
    assert client.delete(f"/api/v1/me/waitlist/{made['id']}").status_code == 204
    assert client.get("/api/v1/me/waitlist").json() == []
    assert (
        client.post(
            "/api/v1/me/waitlist/offers/not-a-token/accept", content_type="application/json"
        ).status_code
        == 404
    )
