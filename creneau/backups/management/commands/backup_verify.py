"""`manage.py backup_verify PATH`: restore a backup into a scratch database and check it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from creneau.backups.services import backup_verify
from creneau.backups.storage import BackupError


class Command(BaseCommand):
    help = (
        "Verify a backup against its manifest (<file>.json): its sha256; restored into a "
        "scratch database (SQLite: a temporary file; PostgreSQL: a database created on the "
        "configured server with createdb, filled with pg_restore, dropped afterwards), "
        "PRAGMA integrity_check or pg_restore's exit status, no unapplied migration "
        "(migrate --check) and every table's row count. Exits non-zero on any problem. "
        "The configured database's data is not touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file (its manifest beside it)")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            report = backup_verify(path=path)
        except BackupError as error:
            raise CommandError(f"backup verification failed: {error}") from None
        for check in report.checks:
            self.stdout.write(f"ok: {check}")
        for problem in report.problems:
            self.stderr.write(f"PROBLEM: {problem}")
        if not report.ok:
            raise CommandError(
                f"backup verification failed: {len(report.problems)} problem(s) with {path}"
            )
        self.stdout.write(f"verified: {path}")
