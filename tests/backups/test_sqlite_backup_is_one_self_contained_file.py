"""On SQLite the backup is one plain database file: rollback-journal mode (not WAL, whose
recent pages would live in a -wal file beside it), nothing beside it but its manifest, and
readable by sqlite3 alone, read-only."""

from __future__ import annotations

import sqlite3

import pytest
from django.utils import timezone

from creneau.backups.services import backup_create

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db(transaction=True)]


def test_the_backup_is_a_plain_sqlite_file_with_nothing_beside_it(backups, customer):
    result = backup_create(now=timezone.now())

    header = result.path.read_bytes()[:100]
    assert header[:16] == b"SQLite format 3\x00"
    assert header[18:20] == b"\x01\x01"  # legacy (rollback journal) read and write versions
    assert sorted(p.name for p in backups.iterdir()) == [
        result.path.name,
        result.manifest_path.name,
    ]
    with sqlite3.connect(f"{result.path.as_uri()}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        [[email]] = copy.execute("SELECT email FROM accounts_user").fetchall()
    assert email == customer.email
