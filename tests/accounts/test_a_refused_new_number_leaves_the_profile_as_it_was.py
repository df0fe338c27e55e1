"""The profile form's change, from the site or the app, is one domain step: a new number that
is not a mobile is refused before anything is saved, names included."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from creneau.accounts.models import PhoneChange
from creneau.accounts.phone_change import profile_change

pytestmark = pytest.mark.django_db


def test_a_landline_changes_neither_the_names_nor_the_number(customer):
    before = (customer.first_name, customer.last_name, str(customer.phone))
    with pytest.raises(ValidationError):
        profile_change(
            user=customer,
            first_name="Renamed",
            last_name="Person",
            language="en",
            phone="+33123456789",  # a landline
            now=timezone.now(),
        )
    customer.refresh_from_db()
    assert (customer.first_name, customer.last_name, str(customer.phone)) == before
    assert not PhoneChange.objects.exists()


def test_names_are_saved_at_once_and_a_new_mobile_waits_for_its_code(customer):
    old_phone = str(customer.phone)
    change = profile_change(
        user=customer,
        first_name="Camille",
        last_name="Durand",
        language="en",
        phone="+33698765400",
        now=timezone.now(),
    )
    customer.refresh_from_db()
    assert (customer.first_name, customer.last_name) == ("Camille", "Durand")
    assert str(customer.phone) == old_phone
    assert change is not None and str(change.phone) == "+33698765400"
