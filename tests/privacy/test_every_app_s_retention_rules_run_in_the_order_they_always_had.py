"""Each app registers its retention rules in its own `privacy.py`; the job runs all of them, in
one stable order, whichever app declared them."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from creneau.privacy.models import RetentionRun
from creneau.privacy.registry import registry

pytestmark = pytest.mark.django_db

ORDER = [
    "inactive_accounts_warned",
    "inactive_accounts_erased",
    "unverified_signups_erased",
    "pseudonymised_bookings_purged",
    "consent_proofs_purged",
    "expired_exports_purged",
    "remembered_salons_purged",
    "sent_messages_purged",
    "task_rows_purged",
    "audit_entries_purged",
    "unconfirmed_rights_requests_purged",
    "closed_rights_requests_purged",
    "expired_sessions_purged",
    "old_reviews_purged",
    "ended_waitlist_entries_purged",
]


def test_the_registered_rules_come_from_every_app_in_their_order():
    rules = registry.retention_rules()

    assert [rule.code for rule in rules] == ORDER
    modules = {rule.code: rule.select.__module__ for rule in rules}
    assert modules["consent_proofs_purged"] == "creneau.consent.privacy"
    assert modules["closed_rights_requests_purged"] == "creneau.rights.privacy"
    assert modules["remembered_salons_purged"] == "creneau.bookings.privacy"
    assert modules["sent_messages_purged"] == "creneau.privacy.outbox"


def test_a_run_reports_every_rule_in_that_order():
    out = io.StringIO()
    call_command("retention", "--dry-run", stdout=out)

    assert [line.split(":")[0] for line in out.getvalue().splitlines()] == ORDER
    assert set(RetentionRun.objects.get().counts) == set(ORDER)


def test_the_help_lists_every_rule_in_that_order():
    from creneau.privacy.retention import retention_rules_help

    lines = retention_rules_help().splitlines()

    assert [line.split(":")[0].removeprefix("- ") for line in lines] == ORDER
