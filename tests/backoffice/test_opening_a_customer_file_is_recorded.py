"""Opening a customer's file records who opened it, whose file, where and when."""

from __future__ import annotations

import pytest

from creneau.bookings.salon import customer_file_open
from creneau.catalog.permissions import NotAllowed, NotFound
from creneau.privacy.audit import audit_entries_about_user
from creneau.privacy.models import AuditEntry
from tests.backoffice.conftest import NOW

pytestmark = pytest.mark.django_db


def test_the_access_is_in_the_audit_log_and_the_customer_can_see_it(salon, manager, customer, book):
    book(customer)
    file = customer_file_open(actor=manager, business=salon, customer_id=customer.pk, now=NOW)
    assert file.name == "Camille Dupont"
    [entry] = audit_entries_about_user(user=customer)
    assert entry.action == "customer.file_viewed"
    assert entry.actor == manager
    assert entry.actor_label == "Salon Test"
    assert entry.business == salon
    assert entry.created_at == NOW
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(customer.pk))


def test_a_staff_member_sees_only_their_own_bookings_of_a_customer(
    salon, staff_user, customer, book
):
    from datetime import timedelta

    from tests.backoffice.conftest import THURSDAY

    own = book(customer, staff_index=2)
    book(customer, staff_index=0, start=THURSDAY + timedelta(days=1))
    file = customer_file_open(actor=staff_user, business=salon, customer_id=customer.pk, now=NOW)
    assert [b.pk for b in file.bookings] == [own.pk]


def test_a_staff_member_cannot_open_the_file_of_a_colleagues_customer(
    salon, staff_user, customer, book
):
    book(customer, staff_index=0)
    with pytest.raises(NotFound):
        customer_file_open(actor=staff_user, business=salon, customer_id=customer.pk, now=NOW)
    assert not AuditEntry.objects.exists()


def test_a_refused_access_records_nothing(salon, other_owner, customer, book):
    book(customer)
    with pytest.raises(NotAllowed):
        customer_file_open(actor=other_owner, business=salon, customer_id=customer.pk, now=NOW)
    assert not AuditEntry.objects.exists()


def test_an_unknown_audit_action_is_a_programming_error(customer):
    from creneau.privacy.audit import audit_record

    with pytest.raises(ValueError):
        audit_record(actor=customer, action="customer.peeked")
