"""`manage.py backup [--output PATH]`: a consistent backup of the database, with its manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from creneau.backups.services import backup_create
from creneau.backups.storage import BackupError


class Command(BaseCommand):
    help = (
        "Back up the configured database while the site runs: SQLite through its online "
        "backup API (the copy is then checked), PostgreSQL with pg_dump -Fc. The file is "
        "created 0600 in BACKUP_DIR (0700; default VAR_DIR/backups) as "
        "creneau-<UTC time>.sqlite3 or .dump, with a manifest <file>.json (engine, migrations, "
        "row counts, sha256; nothing about anyone). Then the backups in BACKUP_DIR older than "
        "BACKUP_RETENTION_DAYS (30) or beyond the BACKUP_RETENTION_COUNT (30) newest are "
        "deleted: erased people must not outlive the retention in backups. With --output, the "
        "backup goes to that file (or under its usual name into that directory) and nothing "
        "is pruned."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="write the backup to this file or directory instead"
        )

    def handle(self, *args: Any, output: Path | None = None, **options: Any) -> None:
        try:
            result = backup_create(now=timezone.now(), output=output)
        except BackupError as error:
            raise CommandError(f"backup failed: {error}") from None
        for warning in result.warnings:
            self.stderr.write(warning)
        manifest = result.manifest
        self.stdout.write(
            f"backup: {result.path} ({manifest.engine}, {manifest.size} bytes, "
            f"sha256 {manifest.sha256})"
        )
        self.stdout.write(
            f"manifest: {result.manifest_path} ({len(manifest.contents.row_counts)} tables, "
            f"{manifest.contents.rows} rows)"
        )
        if output is None:
            self.stdout.write(f"pruned: {len(result.pruned)} old backup(s)")
