"""On PostgreSQL the backup is a pg_dump custom-format archive, and verifying it creates a
scratch database on the server (createdb), restores into it (pg_restore) and drops it, whatever
the outcome: no copy of the customers' data is left behind on the server."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from creneau.backups.services import backup_create, backup_verify
from tests.backups.conftest import bytes_overwrite

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def databases() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        return {name for (name,) in cursor.fetchall()}


def test_the_backup_is_a_custom_format_archive(backups, customer):
    result = backup_create(now=timezone.now())

    assert result.path.read_bytes()[:5] == b"PGDMP"
    assert result.path.suffix == ".dump"


def test_the_scratch_database_is_dropped_after_a_pass_and_after_a_failure(backups, customer):
    before = databases()
    result = backup_create(now=timezone.now())

    assert backup_verify(path=result.path).ok
    assert databases() == before

    bytes_overwrite(result.path, result.path.stat().st_size // 2, b"\xff" * 512, reseal=True)
    report = backup_verify(path=result.path)
    assert not report.ok
    assert any("pg_restore" in problem for problem in report.problems)
    assert databases() == before
