"""GET /me/access-log: the audit log's entries about me, newest first, mine only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.catalog.models import StaffMember
from creneau.privacy.audit import ACTIONS, audit_record
from tests.api.conftest import NOW, assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user, salon):
    user = make_user("owner@example.org", phone="+33622222222")
    StaffMember.objects.filter(pk=salon.test_staff[0].pk).update(user=user, role="owner")
    return user


def test_each_access_by_a_salon_is_listed_with_who_what_and_when(
    as_customer, customer, other_customer, owner, salon
):
    audit_record(
        actor=owner, action="customer.file_viewed", subject_user=customer, business=salon, now=NOW
    )
    audit_record(
        actor=owner,
        action="customer.note_added",
        subject_user=customer,
        business=salon,
        reason="allergie",
        now=NOW + timedelta(minutes=5),
    )
    audit_record(
        actor=owner, action="customer.file_viewed", subject_user=other_customer, business=salon
    )

    body = as_customer.get("/api/v1/me/access-log").json()

    assert body["total"] == 2
    newest, oldest = body["items"]
    assert newest["action"] == "customer.note_added"
    assert newest["by"] == "Salon Test"
    assert newest["reason"] == "allergie"
    assert oldest["description"] == ACTIONS["customer.file_viewed"]
    assert oldest["at"] == "2026-12-07T08:00:00+01:00"


def test_no_access_means_an_empty_log(as_customer):
    assert as_customer.get("/api/v1/me/access-log").json()["items"] == []


def test_without_a_session_the_log_is_closed(anonymous):
    assert_problem(anonymous.get("/api/v1/me/access-log"), 401, "not-authenticated")
