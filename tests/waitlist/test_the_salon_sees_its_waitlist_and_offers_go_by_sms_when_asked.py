"""The salon's owners and managers see the waiting customers in join order, with what is held;
plain staff and other salons do not. An offer goes by SMS too when the customer asked."""

from __future__ import annotations

import pytest

from creneau.bookings.services import booking_cancel
from creneau.catalog.models import StaffRole
from creneau.notifications.models import OutboundMessage
from creneau.waitlist.models import WaitlistEntry
from tests.waitlist.conftest import NOW

pytestmark = pytest.mark.django_db


def member(salon, make_user, index, role, email):
    user = make_user(email, phone=f"+3367100000{index}")
    staff = salon.test_staff[index]
    staff.user, staff.role = user, role
    staff.save()
    return user


def test_the_owner_sees_the_list_in_join_order_and_staff_do_not(
    client, salon, make_user, waiters, booked_slot, django_capture_on_commit_callbacks
):
    waiters(3)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    owner = member(salon, make_user, 0, StaffRole.OWNER, "owner@example.org")
    client.force_login(owner)
    page = client.get("/pro/salon-test/waitlist/").content.decode()
    assert page.index("Waiter0") < page.index("Waiter1") < page.index("Waiter2")
    assert "10:00" in page  # the time held for the first

    staff = member(salon, make_user, 2, StaffRole.STAFF, "staff@example.org")
    client.force_login(staff)
    assert client.get("/pro/salon-test/waitlist/").status_code == 403
    stranger = make_user("stranger@example.org", phone="+33698000000")
    client.force_login(stranger)
    assert client.get("/pro/salon-test/waitlist/").status_code == 404


def test_an_offer_goes_by_sms_only_to_who_asked(
    salon, waiters, booked_slot, django_capture_on_commit_callbacks
):
    first, _second = waiters(2)  # the second waits too, and asked for no SMS
    WaitlistEntry.objects.filter(customer=first).update(sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    sent = OutboundMessage.objects.filter(template="waitlist_offer")
    assert sorted(sent.values_list("channel", flat=True)) == ["email", "sms"]
    assert set(sent.values_list("user", flat=True)) == {first.pk}
    sms = sent.get(channel="sms")
    assert sms.to_address == str(first.phone) and "/account/waitlist/offers/" in sms.body_text
