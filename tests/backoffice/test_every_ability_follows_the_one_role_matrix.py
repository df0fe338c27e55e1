"""The role matrix of `catalog.permissions` is the one answer to "may this member do this": each
ability belongs to exactly the roles the matrix names, for every way of asking."""

from __future__ import annotations

import pytest

from creneau.catalog.models import StaffRole
from creneau.catalog.permissions import (
    SALON_ENTER,
    SALON_MANAGE,
    SALON_OWN,
    NotAllowed,
    booking_role,
    may,
    membership_of,
    membership_required,
    role_may,
)
from tests.backoffice.conftest import _member

pytestmark = pytest.mark.django_db

EXPECTED = {
    StaffRole.OWNER: {SALON_ENTER, SALON_MANAGE, SALON_OWN},
    StaffRole.MANAGER: {SALON_ENTER, SALON_MANAGE},
    StaffRole.STAFF: {SALON_ENTER},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_has_exactly_its_abilities(role, salon, make_user):
    user = make_user(f"{role}@example.org")
    _member(salon, 0, user, role)
    membership = membership_of(user=user, business=salon)
    for ability in (SALON_ENTER, SALON_MANAGE, SALON_OWN):
        expected = ability in EXPECTED[role]
        assert role_may(role, ability) is expected
        assert membership.may(ability) is expected
        assert may(user, ability, salon) is expected
        if expected:
            assert membership_required(actor=user, business=salon, ability=ability) == membership
        else:
            with pytest.raises(NotAllowed):
                membership_required(actor=user, business=salon, ability=ability)


def test_an_unknown_ability_is_nobodys(salon, make_user):
    user = make_user("owner@example.org")
    _member(salon, 0, user, StaffRole.OWNER)
    assert not may(user, "salon.teleport", salon)


def test_a_stranger_has_no_ability_and_no_role_on_a_booking(salon, make_user, customer):
    stranger = make_user("stranger@example.org")
    assert membership_of(user=stranger, business=salon) is None
    assert not may(stranger, SALON_ENTER, salon)

    class Row:  # the booking is read through its ids only
        customer_id = customer.pk
        business_id = salon.pk
        staff_id = salon.test_staff[1].pk

    assert booking_role(actor=stranger, booking=Row) is None
    assert booking_role(actor=customer, booking=Row) == "customer"
    colleague = make_user("colleague@example.org")
    _member(salon, 2, colleague, StaffRole.STAFF)
    assert booking_role(actor=colleague, booking=Row) is None  # another staff member's agenda
    booked = make_user("booked@example.org")
    _member(salon, 1, booked, StaffRole.STAFF)
    assert booking_role(actor=booked, booking=Row) == "business"
