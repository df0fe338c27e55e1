"""Restore drill: a copy of the database taken before an erasure is restored, `erasure_replay`
runs, and the person is gone again. On SQLite the copy is the whole database (sqlite3 backup
API); on PostgreSQL the restore is simulated by re-inserting the person's rows copied before."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import connection

from creneau.accounts.models import User
from creneau.consent.models import AccountConsentRecord
from creneau.privacy.erasure import customer_erase
from creneau.privacy.models import ErasureReceipt, ErasureTombstone
from creneau.privacy.tombstones import subject_digest

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)
EMAIL = "camille.dupont@example.org"
PHONE = "+33612345678"


@pytest.fixture(autouse=True)
def _journal(settings, tmp_path):
    settings.ERASURE_TOMBSTONE_JOURNAL = str(tmp_path / "tombstones.log")


def take_copy(user: User):
    """The backup: the whole database on SQLite, the person's rows elsewhere."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:")
        connection.connection.backup(copy)
        return copy
    return {
        "user": User.objects.filter(pk=user.pk).values().get(),
        "emails": list(EmailAddress.objects.filter(user=user).values()),
        "consents": list(AccountConsentRecord.objects.filter(user=user).values()),
    }


def restore(copy) -> None:
    if connection.vendor == "sqlite":
        connection.close()
        connection.ensure_connection()
        copy.backup(connection.connection)
        copy.close()
        return
    User.objects.create(**copy["user"])
    EmailAddress.objects.bulk_create(EmailAddress(**row) for row in copy["emails"])
    AccountConsentRecord.objects.bulk_create(
        AccountConsentRecord(**row) for row in copy["consents"]
    )


def test_an_erased_person_restored_from_a_backup_is_erased_again(make_user):
    with time_machine.travel(NOW - timedelta(days=30), tick=False):
        user = make_user(EMAIL, phone=PHONE)
    copy = take_copy(user)

    with time_machine.travel(NOW, tick=False):
        customer_erase(user=user, actor=user, reason="account", now=NOW)
    assert ErasureTombstone.objects.count() == 2
    assert not User.objects.filter(email=EMAIL).exists()

    restore(copy)
    assert User.objects.filter(email=EMAIL).exists()  # the restore brought the person back

    call_command("erasure_replay")

    assert not User.objects.filter(email__iexact=EMAIL).exists()
    assert not EmailAddress.objects.filter(email__iexact=EMAIL).exists()
    assert ErasureReceipt.objects.filter(reason=ErasureReceipt.Reason.REPLAY).count() == 1
    # The tombstones hold nothing readable of the person.
    for tombstone in ErasureTombstone.objects.all():
        assert "camille" not in tombstone.digest and PHONE not in tombstone.digest


def test_an_account_opened_after_the_erasure_with_the_same_address_is_left_alone(make_user):
    with time_machine.travel(NOW - timedelta(days=30), tick=False):
        user = make_user(EMAIL, phone=PHONE)
    customer_erase(user=user, actor=user, reason="account", now=NOW, notify=False)
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        newcomer = make_user(EMAIL, phone=PHONE)

    call_command("erasure_replay")

    assert User.objects.filter(pk=newcomer.pk).exists()


def test_the_tombstone_is_a_keyed_hash_of_the_normalised_address(settings):
    assert subject_digest("email", " Camille.Dupont@Example.org ") == subject_digest("email", EMAIL)
    before = subject_digest("email", EMAIL)
    settings.ERASURE_TOMBSTONE_KEY = "another key"
    assert subject_digest("email", EMAIL) != before
    assert len(before) == 64
