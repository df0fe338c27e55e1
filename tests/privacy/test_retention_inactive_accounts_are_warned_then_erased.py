"""An account without activity for 2 years is warned by e-mail 30 days before and then erased."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from creneau.accounts.models import User
from creneau.notifications.models import OutboundMessage
from creneau.privacy.models import ErasureReceipt
from creneau.privacy.retention import retention_apply

pytestmark = pytest.mark.django_db

JOINED = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)


def run(when: datetime) -> dict[str, int]:
    with time_machine.travel(when, tick=False):
        return retention_apply(now=timezone.now()).counts


def warnings_to(address: str) -> int:
    return OutboundMessage.objects.filter(
        template="account_inactive_warning", to_address=address
    ).count()


def test_it_warns_30_days_before_and_erases_after_2_years(make_user):
    with time_machine.travel(JOINED, tick=False):
        customer = make_user()
    customer.last_activity = JOINED
    customer.save(update_fields=["last_activity"])

    assert run(JOINED + timedelta(days=699))["inactive_accounts_warned"] == 0
    assert run(JOINED + timedelta(days=700))["inactive_accounts_warned"] == 1
    assert warnings_to(customer.email) == 1
    # The next days neither warn again nor erase before the 2 years.
    counts = run(JOINED + timedelta(days=729))
    assert counts["inactive_accounts_warned"] == 0
    assert counts["inactive_accounts_erased"] == 0
    assert warnings_to(customer.email) == 1

    assert run(JOINED + timedelta(days=730, hours=1))["inactive_accounts_erased"] == 1
    assert not User.objects.filter(pk=customer.pk).exists()
    receipt = ErasureReceipt.objects.get()
    assert receipt.reason == ErasureReceipt.Reason.RETENTION
    assert receipt.actor is None


def test_activity_after_the_warning_keeps_the_account(make_user):
    with time_machine.travel(JOINED, tick=False):
        customer = make_user()
    run(JOINED + timedelta(days=700))
    assert warnings_to(customer.email) == 1

    customer.last_activity = JOINED + timedelta(days=710)
    customer.save(update_fields=["last_activity"])

    assert run(JOINED + timedelta(days=731))["inactive_accounts_erased"] == 0
    assert User.objects.filter(pk=customer.pk).exists()


def test_an_account_warned_late_still_gets_its_30_days(make_user):
    with time_machine.travel(JOINED, tick=False):
        customer = make_user()
    # The job was down: the first run is after the 2 years.
    counts = run(JOINED + timedelta(days=800))
    assert counts["inactive_accounts_warned"] == 1
    assert counts["inactive_accounts_erased"] == 0

    assert run(JOINED + timedelta(days=829))["inactive_accounts_erased"] == 0
    assert run(JOINED + timedelta(days=830))["inactive_accounts_erased"] == 1
    assert not User.objects.filter(pk=customer.pk).exists()


def test_platform_staff_and_salon_team_members_are_never_warned(make_user, salon):
    with time_machine.travel(JOINED, tick=False):
        make_user("admin@example.org", is_staff=True)
        pro = make_user("pro@example.org", phone="+33611111111")
    member = salon.test_staff[0]
    member.user = pro
    member.save(update_fields=["user"])

    counts = run(JOINED + timedelta(days=900))

    assert counts["inactive_accounts_warned"] == 0
    assert User.objects.count() == 2
