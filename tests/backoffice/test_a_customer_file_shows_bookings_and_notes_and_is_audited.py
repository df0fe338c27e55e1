"""The customer file page: identity, bookings at this salon, private notes; each opening is in
the audit log, and notes are written and deleted by the team."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from creneau.bookings.models import CustomerNote
from creneau.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_url(customer, book):
    book(customer, staff_index=2)
    return f"/pro/salon-test/customers/account/{customer.pk}/"


def test_opening_the_file_records_who_opened_it(salon, manager, customer, file_url, login):
    html = login(manager).get(file_url).content.decode()
    assert "Camille Dupont" in html
    assert "camille.dupont@example.org" in html
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.subject_user, entry.business) == (
        "customer.file_viewed",
        manager,
        customer,
        salon,
    )


def test_each_opening_is_recorded(salon, staff_user, file_url, login):
    # A reload within the same minute is one access (privacy.audit.READ_ACTIONS): the two
    # openings here are a few minutes apart.
    client = login(staff_user)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.get(file_url)
        traveller.shift(timedelta(minutes=3))
        client.get(file_url)
    assert AuditEntry.objects.filter(action="customer.file_viewed").count() == 2


def test_a_note_is_written_and_seen_by_the_team(
    salon, staff_user, manager, customer, file_url, login
):
    login(staff_user).post(file_url, {"text": "Prefers short cuts."})
    note = CustomerNote.objects.get()
    assert (note.business, note.customer, note.author) == (salon, customer, staff_user)
    assert "Prefers short cuts." in login(manager).get(file_url).content.decode()
    assert AuditEntry.objects.filter(action="customer.note_added").count() == 1


def test_a_note_is_deleted_by_its_author_or_a_manager_not_by_a_colleague(
    salon, staff_user, manager, owner, customer, file_url, login, make_user
):
    from creneau.bookings.salon import customer_note_add

    note = customer_note_add(
        actor=manager, business=salon, customer_id=customer.pk, text="Manager's note"
    )
    delete = f"{file_url}notes/{note.pk}/delete/"
    assert login(staff_user).post(delete).status_code == 404
    assert CustomerNote.objects.filter(pk=note.pk).exists()
    assert login(owner).post(delete).status_code == 302
    assert not CustomerNote.objects.exists()
