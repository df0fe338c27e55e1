"""Backup, verification and restore of the configured database (docs/backup.md).

- `backup_create`: a consistent copy of the live database (SQLite: online backup API;
  PostgreSQL: pg_dump -Fc on an exported snapshot), 0600 in a 0700 directory, a manifest
  beside it, and the old backups pruned (BACKUP_RETENTION_DAYS / _COUNT).
- `backup_verify`: restore into a scratch database, then integrity, migrations and row counts
  against the manifest.
- `backup_restore`: replace the configured database with a backup, migrate, and erase again
  the people erased since the backup was taken (the tombstone journal, `privacy.tombstones`).
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

from creneau.backups.manifest import (
    Contents,
    Manifest,
    contents_differences,
    contents_read,
    file_sha256,
    manifest_read,
    manifest_write,
    model_tables,
)
from creneau.backups.postgres import (
    pg_backup,
    pg_check_archive,
    pg_connect,
    pg_restore,
    pg_scratch_database,
)
from creneau.backups.schema import migrate_check, unapplied_migrations
from creneau.backups.sqlite import sqlite_backup, sqlite_check, sqlite_restore
from creneau.backups.storage import (
    PARTIAL,
    BackupError,
    backup_name,
    backups_prune,
    manifest_path,
    private_directory,
    private_file_create,
)
from creneau.privacy.tombstones import erasure_replay


def _configured() -> tuple[str, dict[str, Any]]:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
    return connection.vendor, connection.settings_dict


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    manifest_path: Path
    pruned: list[Path]
    warnings: list[str]


def backup_create(*, now: datetime, output: Path | None = None) -> BackupResult:
    """Back up the configured database to a timestamped file in BACKUP_DIR, then prune the
    older backups there; or to `output` (a file, or a directory for the timestamped name),
    pruning nothing. Safe while the site runs. The file appears under
    its name only once complete and checked; the manifest's counts are read from the copy
    itself (SQLite) or from the dump's own snapshot (PostgreSQL)."""
    engine, database = _configured()
    warnings = []
    if output is None:
        directory = Path(settings.BACKUP_DIR)
        private_directory(directory, ours=True)
        target = directory / backup_name(engine=engine, now=now)
    else:
        # A directory gets the usual timestamped name; anything else is the file's own path.
        target = output / backup_name(engine=engine, now=now) if output.is_dir() else output
        warning = private_directory(target.parent, ours=False)
        warnings += [warning] if warning else []
    if target.exists():
        raise BackupError(f"{target} already exists")
    partial = target.with_name(target.name + PARTIAL)
    private_file_create(partial)
    try:
        if engine == "sqlite":
            contents = sqlite_backup(source=Path(database["NAME"]), target=partial)
        else:
            with partial.open("r+b") as stream:
                contents = pg_backup(database=database, output=stream)
            pg_check_archive(partial, database=database)
        partial.rename(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    manifest = Manifest(
        created_at=now,
        engine=engine,
        file=target.name,
        size=target.stat().st_size,
        sha256=file_sha256(target),
        contents=contents,
    )
    manifest_write(manifest, backup=target)
    pruned = []
    if output is None:
        pruned = backups_prune(
            directory=target.parent,
            now=now,
            keep_days=settings.BACKUP_RETENTION_DAYS,
            keep_count=settings.BACKUP_RETENTION_COUNT,
        )
    return BackupResult(target, manifest, manifest_path(target), pruned, warnings)


@dataclass
class Verification:
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@contextmanager
def _scratch_copy(manifest: Manifest, path: Path, report: Verification) -> Iterator[Any]:
    """Restore `path` into a scratch database; yields its settings dict, or None when the
    restore failed (the failure is then in the report)."""
    if manifest.engine == "sqlite":
        # mkdtemp makes the directory 0700: the scratch copy holds personal data too.
        with tempfile.TemporaryDirectory(prefix="creneau-verify-") as directory:
            scratch = Path(directory) / "scratch.sqlite3"
            try:
                sqlite_restore(backup=path, target=scratch)
            except BackupError as error:
                report.problems.append(f"restore into a scratch file failed: {error}")
                yield None
                return
            problems = sqlite_check(scratch)
            if problems:
                # Nothing more can be trusted of a damaged file.
                report.problems += problems
                yield None
                return
            report.checks.append("PRAGMA integrity_check: ok")
            yield {"ENGINE": "django.db.backends.sqlite3", "NAME": str(scratch)}
        return
    engine, database = _configured()
    if engine != "postgresql":
        raise BackupError(
            "verifying a PostgreSQL backup needs DATABASE_URL to name a PostgreSQL server: "
            "the scratch database is created there"
        )
    with pg_scratch_database(database) as scratch_database:
        try:
            pg_restore(backup=path, database=scratch_database, clean=False)
        except BackupError as error:
            report.problems.append(f"restore into a scratch database failed: {error}")
            yield None
            return
        report.checks.append("pg_restore into a scratch database: exit 0")
        yield scratch_database


def _contents_of(engine: str, database: dict[str, Any]) -> Contents:
    if engine == "sqlite":
        with closing(sqlite3.connect(database["NAME"])) as copy:
            return contents_read(copy.cursor(), vendor="sqlite")
    with pg_connect(database) as server, server.cursor() as cursor:
        return contents_read(cursor, vendor="postgresql")


def backup_verify(*, path: Path) -> Verification:
    """Check a backup against its manifest: the file's SHA-256; restored into a scratch
    database (a temporary file, or a database created and dropped on the PostgreSQL server),
    its integrity, `migrate --check` against it, the row count of every table and the
    migration state. Never touches the configured database's data."""
    manifest = manifest_read(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    report = Verification()
    if file_sha256(path) == manifest.sha256:
        report.checks.append("sha256 matches the manifest")
    else:
        report.problems.append(
            "sha256 differs from the manifest: the file was changed or damaged after the backup"
        )
    with _scratch_copy(manifest, path, report) as scratch:
        if scratch is None:
            return report
        try:
            pending = migrate_check(manifest.engine, scratch)
        except BackupError as error:
            report.problems.append(str(error))
        else:
            if pending:
                more = ", ..." if len(pending) > 5 else ""
                report.problems.append(
                    f"migrate --check: {len(pending)} migration(s) of this code not applied in "
                    f"the backup ({', '.join(pending[:5])}{more})"
                )
            else:
                report.checks.append("migrate --check: no unapplied migration")
        found = _contents_of(manifest.engine, scratch)
        differences = contents_differences(manifest.contents, found)
        if differences:
            report.problems += differences
        else:
            report.checks.append(
                f"row counts of {len(found.row_counts)} tables ({found.rows} rows) and the "
                "migration state equal the manifest"
            )
    return report


def database_restore(*, path: Path) -> Manifest:
    """Replace the configured database's content with the backup at `path`. Refuses a file
    whose SHA-256 is not the manifest's, a backup of the other engine, a SQLite file failing
    its integrity check, and a PostgreSQL database holding tables the backup lacks (from
    migrations newer than the backup: pg_restore --clean would leave them, and migrate would
    then fail on them). Only the data step: `backup_restore` is the whole procedure."""
    manifest = manifest_read(path)
    engine, database = _configured()
    if manifest.engine != engine:
        raise BackupError(f"this is a {manifest.engine} backup; the database is {engine}")
    if file_sha256(path) != manifest.sha256:
        raise BackupError("sha256 differs from the manifest: refusing to restore this file")
    if engine == "sqlite":
        problems = sqlite_check(path)
        if problems:
            raise BackupError("the backup failed its check: " + "; ".join(problems))
        connections.close_all()
        sqlite_restore(backup=path, target=Path(database["NAME"]))
        return manifest
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        live = set(connection.introspection.table_names(cursor))
    extra = sorted((live & model_tables()) - manifest.contents.row_counts.keys())
    if extra:
        raise BackupError(
            f"the database has {len(extra)} table(s) the backup lacks ({', '.join(extra[:5])}): "
            "restore into an empty database instead (docs/backup.md)"
        )
    connections.close_all()
    pg_restore(backup=path, database=database, clean=True)
    return manifest


@dataclass(frozen=True)
class RestoreSummary:
    manifest: Manifest
    migrations_applied: int
    erased_again: int


def backup_restore(*, path: Path, now: datetime) -> RestoreSummary:
    """The restore procedure: the backup's data into the configured database, `migrate`,
    then `erasure_replay`, which erases again (without e-mail) everyone erased after the
    backup was taken, from the tombstone journal kept outside the backups."""
    manifest = database_restore(path=path)
    # The restored rows may number content types differently from the cache of this process.
    ContentType.objects.clear_cache()
    pending = unapplied_migrations(connections[DEFAULT_DB_ALIAS])
    call_command("migrate", interactive=False, verbosity=0)
    receipts = erasure_replay(now=now)
    return RestoreSummary(manifest, len(pending), len(receipts))
