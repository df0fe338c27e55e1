"""A person who never had an account but was entered by a salon as a walk-in contact asks for
erasure: the desk's one click erases the contact too, through the registry's address erasers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission

from creneau.bookings.models import SalonContact
from creneau.rights.desk import desk_fulfil
from creneau.rights.models import RightsRequest

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_desk_erases_a_walk_in_contact_known_only_by_the_address(salon, make_user):
    officer = make_user("dpo@creneau.example", is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="handle_rightsrequest"))
    contact = SalonContact.objects.create(
        business=salon,
        name="Inès Haddad",
        phone="+33612121212",
        email="ines.haddad@example.org",
        created_at=NOW,
    )
    other = SalonContact.objects.create(
        business=salon,
        name="Paul Roy",
        phone="+33613131313",
        email="paul.roy@example.org",
        created_at=NOW,
    )
    request = RightsRequest.objects.create(
        first_name="Inès",
        last_name="Haddad",
        email="Ines.Haddad@example.org",
        right=RightsRequest.Right.ERASURE,
        status=RightsRequest.Status.RECEIVED,
        reference="RQ-TEST-1",
        created_at=NOW,
        confirmed_at=NOW,
        due_at=NOW,
    )
    desk_fulfil(request=request, actor=officer, now=NOW)

    contact.refresh_from_db()
    assert contact.erased_at == NOW
    assert (contact.name, contact.email, str(contact.phone or "")) == ("", "", "")
    other.refresh_from_db()
    assert other.erased_at is None and other.name == "Paul Roy"
    request.refresh_from_db()
    assert request.status == RightsRequest.Status.FULFILLED
    assert "Walk-in contact records erased: 1" in request.outcome
