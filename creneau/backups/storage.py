"""Where backups live: private files and directories, names, and bounded retention.

A backup holds every customer's personal data, so it is created 0600 in a 0700 directory,
written under a `.partial` name until it is complete and checked, and kept no longer than
BACKUP_RETENTION_DAYS / BACKUP_RETENTION_COUNT: a person erased today must not survive in
backups for ever (docs/backup.md, "Retention").
"""

from __future__ import annotations

import os
import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path


class BackupError(Exception):
    """A backup, verification or restore that cannot go on; the message says why, for the
    operator, and names no person."""


EXTENSIONS = {"sqlite": "sqlite3", "postgresql": "dump"}
PARTIAL = ".partial"
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^creneau-(?P<stamp>\d{8}T\d{6}Z)\.(?:sqlite3|dump)(?P<partial>\.partial)?$")
# A crashed run's `.partial` file holds personal data too; one older than this is abandoned.
_ABANDONED = timedelta(days=1)


def backup_name(*, engine: str, now: datetime) -> str:
    return f"creneau-{now.astimezone(UTC).strftime(_STAMP)}.{EXTENSIONS[engine]}"


def manifest_path(backup: Path) -> Path:
    """The manifest's place: beside the backup, `<backup>.json`."""
    return backup.with_name(backup.name + ".json")


def private_directory(path: Path, *, ours: bool) -> str | None:
    """Create `path` (0700) if needed. The backup directory (`ours`) is always set back to
    0700; a directory the operator chose is left as it is, with a warning when other users can
    open it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if ours:
        path.chmod(0o700)
        return None
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        return f"warning: {path} can be read by other users; backups hold personal data"
    return None


def private_file_create(path: Path) -> None:
    """Create `path` empty, 0600, failing if it exists (never overwrite a backup)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"{path} already exists") from None
    os.close(descriptor)


def private_file_write(path: Path, content: bytes) -> None:
    private_file_create(path)
    path.write_bytes(content)


def backups_prune(*, directory: Path, now: datetime, keep_days: int, keep_count: int) -> list[Path]:
    """Delete the backups in `directory` (our names only) older than `keep_days` or beyond the
    `keep_count` newest, with their manifests, and abandoned `.partial` files. The newest is
    always kept: it is the one just taken. Returns what was deleted."""
    backups: list[tuple[datetime, Path]] = []
    removed: list[Path] = []
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        if match["partial"]:
            if now - taken > _ABANDONED:
                path.unlink(missing_ok=True)
                removed.append(path)
            continue
        backups.append((taken, path))
    backups.sort(reverse=True)
    for index, (taken, path) in enumerate(backups):
        if index == 0 or (index < keep_count and now - taken <= timedelta(days=keep_days)):
            continue
        path.unlink(missing_ok=True)
        manifest_path(path).unlink(missing_ok=True)
        removed.append(path)
    return removed
