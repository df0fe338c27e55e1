"""A backup taken while the site writes is a consistent copy: a transaction still open during the
whole backup neither blocks it nor appears half in it, accounts committed around it are whole in
it (the account and its address, written in one transaction), and the manifest's counts are
those of the copy, as the verification's restore shows."""

from __future__ import annotations

import threading
import time

import pytest
from allauth.account.models import EmailAddress
from django.db import connection, transaction
from django.utils import timezone

from creneau.accounts.models import User
from creneau.backups.services import backup_create, backup_verify
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def account_create(
    number: int, *, written: threading.Event | None = None, resume: threading.Event | None = None
) -> None:
    """An account and its e-mail address in one transaction. With `written` and `resume`, the
    transaction stays open between the two writes: `written` is set once the account row is
    written, and the address follows once `resume` is set (or after two minutes, so that a
    backup that waits for this transaction ends, and fails the test, instead of hanging)."""
    with transaction.atomic():
        user = User.objects.create_user(
            f"writer.{number}@example.org",
            PASSWORD,
            first_name="Wren",
            last_name="Writer",
            phone=f"+336{number:08d}",
        )
        if written is not None and resume is not None:
            written.set()
            resume.wait(120)
        else:
            time.sleep(0.002)  # widen the window between the two writes
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def test_a_transaction_open_during_the_whole_backup_does_not_block_it_and_is_not_in_it(backups):
    account_create(1)
    writing = threading.Event()
    backup_done = threading.Event()
    committed = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            # The backup runs between the transaction's two writes: meanwhile the writer holds
            # the write lock on SQLite, its row locks on PostgreSQL.
            account_create(2, written=writing, resume=backup_done)
            committed.set()
        except BaseException as error:  # reported in the test thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert writing.wait(30)
    try:
        result = backup_create(now=timezone.now())
        # Events, not a duration: on a loaded machine a backup may take any time, but it must
        # not need the writer's transaction to end, which only ends once this is set.
        open_throughout = not committed.is_set()
    finally:
        backup_done.set()
        thread.join(150)

    assert not thread.is_alive()
    assert errors == []
    assert committed.is_set()
    assert open_throughout, "the backup waited for the writer's transaction"
    counts = result.manifest.contents.row_counts
    assert counts["accounts_user"] == 1
    assert counts["account_emailaddress"] == 1
    # The writer's transaction committed after the backup: the live database has it.
    assert User.objects.count() == 2
    assert EmailAddress.objects.count() == 2
    report = backup_verify(path=result.path)
    assert report.ok, report.problems


def test_accounts_committed_while_the_backup_runs_are_whole_in_it(backups):
    stop = threading.Event()
    commits: list[float] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            number = 100
            while not stop.is_set() and number < 3000:
                account_create(number)
                commits.append(time.monotonic())
                number += 1
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while len(commits) < 5 and time.monotonic() < deadline and not errors:
            time.sleep(0.01)
        result = backup_create(now=timezone.now())
        finished = time.monotonic()
        while not any(t > finished for t in commits) and time.monotonic() < finished + 30:
            time.sleep(0.01)
    finally:
        stop.set()
        thread.join(60)

    assert errors == []
    counts = result.manifest.contents.row_counts
    assert counts["accounts_user"] >= 5
    # Whole accounts only: each one's address is in the same snapshot.
    assert counts["account_emailaddress"] == counts["accounts_user"]
    # The writer went on after the backup, so the copy is a past state, not the final one.
    assert any(t > finished for t in commits)
    assert User.objects.count() > counts["accounts_user"]
    report = backup_verify(path=result.path)
    assert report.ok, report.problems
