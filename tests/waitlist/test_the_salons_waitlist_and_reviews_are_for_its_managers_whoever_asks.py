"""The salon-side lists of waiting customers and of reviews check the role in the selector
itself, so no interface can hand them to a plain staff member or an outsider."""

from __future__ import annotations

import pytest

from creneau.catalog.models import StaffMember, StaffRole
from creneau.catalog.permissions import NotAllowed
from creneau.reviews.selectors import salon_reviews
from creneau.waitlist.selectors import salon_waitlist

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("selector", [salon_waitlist, salon_reviews])
def test_a_manager_reads_and_staff_or_outsiders_are_refused(selector, salon, customer, make_user):
    manager = make_user("manon.gerant@example.org", phone="+33611111111")
    StaffMember.objects.create(
        business=salon, display_name="Manon", user=manager, role=StaffRole.MANAGER
    )
    staff = make_user("sam.staff@example.org", phone="+33622222222")
    StaffMember.objects.create(business=salon, display_name="Sam", user=staff, role=StaffRole.STAFF)
    assert list(selector(actor=manager, business=salon)) == []
    for refused in (staff, customer):
        with pytest.raises(NotAllowed):
            selector(actor=refused, business=salon)
