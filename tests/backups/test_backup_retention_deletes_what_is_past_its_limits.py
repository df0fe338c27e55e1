"""Backups hold people erased since they were taken, so their retention is bounded: each backup
into BACKUP_DIR deletes the backups there older than BACKUP_RETENTION_DAYS or beyond the
BACKUP_RETENTION_COUNT newest, with their manifests, and the `.partial` leftovers of crashed
runs. Files that are not ours are left alone; a backup written elsewhere (--output) prunes
nothing. Settings refuse a retention of zero."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from creneau.backups.services import backup_create
from creneau.backups.storage import backup_name

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def names(directory) -> set[str]:
    return {path.name for path in directory.iterdir()}


def test_backups_past_the_age_or_the_count_are_deleted_with_their_manifests(
    backups, settings, customer
):
    settings.BACKUP_RETENTION_DAYS = 30
    settings.BACKUP_RETENTION_COUNT = 3
    backups.mkdir(mode=0o700)
    engine = connection.vendor
    # Written with --output, so that none of them prunes the others.
    ages = {40: "too old", 31: "too old", 6: "fourth newest", 2: "kept", 1: "kept"}
    made = {}
    for age in ages:
        taken = NOW - timedelta(days=age)
        made[age] = backup_create(now=taken, output=backups / backup_name(engine=engine, now=taken))
    crashed = backups / (backup_name(engine=engine, now=NOW - timedelta(days=3)) + ".partial")
    running = backups / (backup_name(engine=engine, now=NOW - timedelta(hours=1)) + ".partial")
    for leftover in (crashed, running):
        leftover.write_bytes(b"half a backup")
    foreign = ["notes.txt", "creneau-before-upgrade.sqlite3", "creneau-20200101T000000Z.tar"]
    for name in foreign:
        (backups / name).write_text("the operator's")

    newest = backup_create(now=NOW)

    left = names(backups)
    for age, result in made.items():
        kept = ages[age] == "kept"
        assert (result.path.name in left) is kept, (age, ages[age])
        assert (result.manifest_path.name in left) is kept
    assert newest.path.name in left and newest.manifest_path.name in left
    assert crashed.name not in left
    assert running.name in left  # another backup may be writing it
    assert set(foreign) <= left
    gone = {made[40].path.name, made[31].path.name, made[6].path.name, crashed.name}
    assert {path.name for path in newest.pruned} == gone

    # The command applies the same rule: one more backup, so the oldest of the three goes.
    out = io.StringIO()
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        call_command("backup", stdout=out)
    assert "pruned: 1 old backup(s)" in out.getvalue()
    assert made[2].path.name not in names(backups)
    assert made[1].path.name in names(backups)


def test_a_backup_written_elsewhere_prunes_nothing(backups, settings, tmp_path, customer):
    settings.BACKUP_RETENTION_DAYS = 1
    settings.BACKUP_RETENTION_COUNT = 1
    old = backup_create(now=NOW - timedelta(days=10)).path

    elsewhere = tmp_path / "before-upgrade" / "creneau.backup"
    to_a_file = backup_create(now=NOW, output=elsewhere)
    to_a_directory = backup_create(now=NOW, output=elsewhere.parent)

    assert to_a_file.pruned == [] and to_a_directory.pruned == []
    assert old.exists()
    assert elsewhere.exists() and elsewhere.with_name("creneau.backup.json").exists()
    assert to_a_directory.path.parent == elsewhere.parent
    assert to_a_directory.path.name.startswith("creneau-2026")
    assert to_a_directory.manifest_path.exists()


@pytest.mark.parametrize("variable", ["BACKUP_RETENTION_DAYS", "BACKUP_RETENTION_COUNT"])
def test_a_retention_of_zero_is_refused_at_start(variable, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import creneau.settings"],
        env={**os.environ, "VAR_DIR": str(tmp_path), variable: "0"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert f"{variable} must be at least 1" in result.stderr
