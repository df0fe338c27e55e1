"""`manage.py backup_verify` restores the backup into a scratch database and checks it against
its manifest: a sound backup passes; flipped bytes are caught by the sha256, and, when the
manifest was resealed over them, by the restore itself (SQLite's integrity check, pg_restore's
exit status); a manifest whose counts do not match is caught table by table. The command exits
non-zero with the reason."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from creneau.backups.services import backup_create
from tests.backups.conftest import bytes_overwrite, manifest_of, manifest_rewrite
from tests.notifications.conftest import database_url_for_subprocesses

pytestmark = pytest.mark.django_db(transaction=True)


def latest_migration(app: str) -> str:
    names = MigrationRecorder.Migration.objects.filter(app=app).values_list("name", flat=True)
    return max(names)


def verify(path: Path) -> tuple[str, str]:
    """Run the command; (stdout, stderr) when it passes, CommandError when it fails."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("backup_verify", str(path), stdout=out, stderr=err)
    except CommandError as error:
        raise CommandError(f"{error}\n{err.getvalue()}") from None
    return out.getvalue(), err.getvalue()


@pytest.fixture
def backup(backups, salon, customer, other_customer) -> Path:
    return backup_create(now=timezone.now()).path


def damage_inside(backup: Path) -> None:
    """Overwrite bytes where the restore must read them, then reseal the manifest."""
    if connection.vendor == "sqlite":
        # The header of the b-tree page holding the accounts table: its page type is lost.
        with sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True) as copy:
            page_size = copy.execute("PRAGMA page_size").fetchone()[0]
            [root] = copy.execute(
                "SELECT rootpage FROM sqlite_master WHERE name = 'accounts_user'"
            ).fetchone()
        bytes_overwrite(backup, (root - 1) * page_size, b"\xff" * 16, reseal=True)
    else:
        # The compressed table data in the middle of the custom-format archive.
        bytes_overwrite(backup, backup.stat().st_size // 2, b"\xff" * 512, reseal=True)


def test_a_sound_backup_passes_every_check(backup):
    out, err = verify(backup)

    assert "ok: sha256 matches the manifest" in out
    assert "ok: migrate --check: no unapplied migration" in out
    assert "equal the manifest" in out
    integrity = "PRAGMA integrity_check: ok" if connection.vendor == "sqlite" else "pg_restore"
    assert integrity in out
    assert f"verified: {backup}" in out
    assert err == ""


def test_flipped_bytes_fail_the_checksum(backup):
    bytes_overwrite(backup, backup.stat().st_size // 2, b"\x00\xff" * 8)

    with pytest.raises(CommandError, match="sha256 differs from the manifest"):
        verify(backup)


def test_damage_under_a_resealed_manifest_fails_the_restore(backup):
    damage_inside(backup)

    with pytest.raises(CommandError) as failure:
        verify(backup)
    message = str(failure.value)
    assert "backup verification failed" in message
    assert "sha256 differs" not in message  # only the restore could tell
    assert "restore into a scratch" in message or "integrity_check" in message


def test_a_manifest_whose_counts_differ_fails_naming_the_table(backup):
    counts = manifest_of(backup)["row_counts"]
    manifest_rewrite(backup, row_counts={**counts, "accounts_user": counts["accounts_user"] + 1})

    with pytest.raises(CommandError) as failure:
        verify(backup)
    message = str(failure.value)
    assert f"table accounts_user: {counts['accounts_user']} rows restored" in message
    assert f"the manifest says {counts['accounts_user'] + 1}" in message


def test_a_backup_without_its_manifest_is_refused(backup):
    Path(f"{backup}.json").unlink()

    with pytest.raises(CommandError, match="no manifest beside the backup"):
        verify(backup)


def test_the_command_exits_non_zero_on_a_damaged_backup(backup):
    bytes_overwrite(backup, backup.stat().st_size // 2, b"\xff" * 64)

    result = subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "backup_verify", str(backup)],
        env={**os.environ, "DATABASE_URL": database_url_for_subprocesses()},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 1
    assert "PROBLEM: sha256 differs from the manifest" in result.stderr
    assert "backup verification failed" in result.stderr


def test_a_backup_missing_a_migration_of_the_code_fails_migrate_check(backups, customer):
    recorder = MigrationRecorder(connection)
    app, name = "bookings", latest_migration("bookings")
    recorder.record_unapplied(app, name)  # as if the backup predated that migration
    try:
        backup = backup_create(now=timezone.now()).path
    finally:
        recorder.record_applied(app, name)

    with pytest.raises(CommandError) as failure:
        verify(backup)
    message = str(failure.value)
    assert (
        f"migrate --check: 1 migration(s) of this code not applied in the backup ({app}.{name})"
        in message
    )
    assert "rows restored" not in message  # the counts matched: only the migrations differ
