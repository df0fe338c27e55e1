"""The access log records a reload of the same page by the same viewer within the same minute
once; another minute, another viewer or a change are recorded each time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from creneau.privacy.audit import audit_record
from creneau.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

T = datetime(2027, 3, 1, 9, 30, 5, tzinfo=UTC)


def view(actor, subject, at):
    return audit_record(actor=actor, action="customer.admin_viewed", subject_user=subject, now=at)


def test_reloads_in_the_same_minute_are_one_entry(make_user, customer):
    staff = make_user("staff@creneau.example", is_staff=True)
    view(staff, customer, T)
    view(staff, customer, T.replace(second=40))
    view(staff, customer, T.replace(second=59))

    assert AuditEntry.objects.filter(subject_user=customer).count() == 1


def test_the_next_minute_or_another_viewer_is_a_new_entry(make_user, customer):
    staff = make_user("staff@creneau.example", is_staff=True)
    other = make_user("other-staff@creneau.example", is_staff=True)
    view(staff, customer, T)
    view(staff, customer, T.replace(minute=31))
    view(other, customer, T)

    assert AuditEntry.objects.filter(subject_user=customer).count() == 3


def test_changes_are_recorded_each_time(make_user, customer):
    staff = make_user("staff@creneau.example", is_staff=True)
    for _ in range(2):
        audit_record(actor=staff, action="processing.restricted", subject_user=customer, now=T)

    assert AuditEntry.objects.filter(subject_user=customer).count() == 2
