"""`manage.py restore PATH [--yes]`: replace the database with a backup (destructive)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from creneau.backups.services import backup_restore
from creneau.backups.storage import BackupError


class Command(BaseCommand):
    help = (
        "DESTRUCTIVE: replace everything in the configured database with the backup PATH "
        "(SQLite: the backup API into the database file; PostgreSQL: pg_restore --clean "
        "--if-exists --no-owner, in one transaction), then migrate, then erase again everyone "
        "erased after the backup was taken (the tombstone journal, ERASURE_TOMBSTONE_JOURNAL; "
        "as manage.py erasure_replay). Stop the web, worker and clock processes first. Asks "
        "to type the database's name unless --yes is given; refuses without a terminal."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file (its manifest beside it)")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask: replace the database's content"
        )

    def _confirmed(self, path: Path) -> bool:
        database = connections[DEFAULT_DB_ALIAS].settings_dict
        name = Path(str(database["NAME"])).name
        if sys.stdin is None or not sys.stdin.isatty():
            return False
        self.stdout.write(
            f"This replaces every row of the database {database['NAME']} with the backup "
            f"{path}.\nType the database's name ({name}) to go on: ",
            ending="",
        )
        self.stdout.flush()
        return input().strip() == name

    def handle(self, *args: Any, path: Path, yes: bool = False, **options: Any) -> None:
        if not yes and not self._confirmed(path):
            raise CommandError("restore refused: not confirmed (type the name, or pass --yes)")
        try:
            summary = backup_restore(path=path, now=timezone.now())
        except BackupError as error:
            raise CommandError(f"restore failed: {error}") from None
        contents = summary.manifest.contents
        self.stdout.write(
            f"restored: {len(contents.row_counts)} tables, {contents.rows} rows "
            f"(backup taken {summary.manifest.created_at.isoformat()})"
        )
        self.stdout.write(f"migrations applied: {summary.migrations_applied}")
        self.stdout.write(f"erased again (tombstone journal): {summary.erased_again} account(s)")
