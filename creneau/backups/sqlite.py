"""SQLite: copies through the online backup API (`sqlite3.Connection.backup`).

The live database runs in WAL mode, so the copy's read transaction blocks no writer, and a
writer's uncommitted transaction is not in the copy. The copy is made in one step
(`pages=-1`): it reads a single snapshot, where a page-by-page copy would restart each time
another connection writes and might never finish on a busy site.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from creneau.backups.manifest import Contents, contents_read
from creneau.backups.storage import BackupError

# Seconds to wait for a lock, as the site's connections do (settings: "timeout").
BUSY_TIMEOUT = 20


def _read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: a backup file is read, never changed, even by the act of opening it.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)


def integrity_problems(database: sqlite3.Connection, *, limit: int = 5) -> list[str]:
    """`PRAGMA integrity_check`'s findings (empty: "ok"). They name pages, tables and indexes,
    never row values. A file too damaged to be read at all is a finding too."""
    try:
        rows = [row[0] for row in database.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as error:
        return [f"PRAGMA integrity_check failed: {error}"]
    return [] if rows == ["ok"] else [f"PRAGMA integrity_check: {row}" for row in rows]


def sqlite_backup(*, source: Path, target: Path) -> Contents:
    """Copy the live database `source` into `target` (an empty private file), make the copy
    one self-contained file (rollback journal, no -wal beside it), check it and return what it
    holds, read from the copy itself."""
    if not source.is_file():
        raise BackupError(f"the SQLite database {source} does not exist")
    live = sqlite3.connect(source, timeout=BUSY_TIMEOUT)
    try:
        copy = sqlite3.connect(target)
        try:
            live.backup(copy, pages=-1)
            # The copy inherits WAL from the live file; a backup is better as one plain file.
            copy.execute("PRAGMA journal_mode=DELETE").fetchone()
            problems = integrity_problems(copy)
            if problems:
                raise BackupError("the copy failed its check: " + "; ".join(problems))
            return contents_read(copy.cursor(), vendor="sqlite")
        finally:
            copy.close()
    finally:
        live.close()


def sqlite_check(path: Path) -> list[str]:
    """Problems of a backup file as it is, opened read-only."""
    try:
        database = _read_only(path)
    except sqlite3.Error as error:
        return [f"SQLite cannot open it: {error}"]
    try:
        return integrity_problems(database)
    finally:
        database.close()


def sqlite_restore(*, backup: Path, target: Path) -> None:
    """Copy the backup file into the database `target` (created if missing) with the backup
    API, replacing all it held, in one write transaction. Django's connections must be closed
    first; the other processes (web, worker, clock) should be stopped, so that none of them
    writes between the restore and the erasure replay."""
    try:
        source = _read_only(backup)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite cannot open the backup: {error}") from None
    try:
        database = sqlite3.connect(target, timeout=BUSY_TIMEOUT)
        try:
            source.backup(database, pages=-1)
            mode = database.execute("PRAGMA journal_mode").fetchone()[0]
            if mode == "wal":
                # Fold the restored pages into the main file now, not at a later checkpoint.
                database.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            database.close()
    except sqlite3.Error as error:
        raise BackupError(f"SQLite restore failed: {error}") from None
    finally:
        source.close()
