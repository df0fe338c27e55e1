"""Backups are taken of the test database itself (SQLite file or PostgreSQL test_<name>), into
a temporary BACKUP_DIR; the tombstone journal is kept beside, outside the backups."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from creneau.backups.manifest import file_sha256
from creneau.backups.storage import manifest_path


@pytest.fixture
def backups(settings, tmp_path) -> Path:
    settings.BACKUP_DIR = str(tmp_path / "backups")
    settings.ERASURE_TOMBSTONE_JOURNAL = str(tmp_path / "journal" / "erasure-tombstones.log")
    return tmp_path / "backups"


def manifest_of(backup: Path) -> dict:
    return json.loads(manifest_path(backup).read_text())


def manifest_rewrite(backup: Path, **changes) -> None:
    manifest_path(backup).write_text(json.dumps({**manifest_of(backup), **changes}))


def bytes_overwrite(path: Path, offset: int, data: bytes, *, reseal: bool = False) -> None:
    """Damage the file; with `reseal` the manifest gets the damaged file's sha256, so that only
    the restore and its checks can tell."""
    with path.open("r+b") as stream:
        stream.seek(offset)
        stream.write(data)
    if reseal:
        manifest_rewrite(path, sha256=file_sha256(path))


def next_open_day(days: int) -> datetime:
    """10:00 in Paris `days` from now, moved off Sunday (the test salon is closed)."""
    day = timezone.now().astimezone(ZoneInfo("Europe/Paris")).date() + timedelta(days=days)
    while day.weekday() == 6:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Paris"))
