"""`manage.py erasure_replay [--dry-run]`: after restoring a backup, erase again the people
erased since it was taken (the tombstones, see `privacy.tombstones`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from creneau.privacy.tombstones import erasure_replay, journal_path


class Command(BaseCommand):
    help = (
        "Run after a restore (restore, migrate, then this). Loads the tombstone journal "
        "(ERASURE_TOMBSTONE_JOURNAL) into the table, then erases again, without e-mail, every "
        "account whose e-mail address or phone has an erasure tombstone at least as recent as "
        "the account. An account opened after the erasure is left alone. Each erasure leaves a "
        "receipt with the reason 'replay'. With --dry-run, list the account ids, change nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, change nothing")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        done = erasure_replay(now=timezone.now(), dry_run=dry_run)
        self.stdout.write(f"journal: {journal_path()}")
        label = "would erase account" if dry_run else "erased again, receipt"
        for reference in done:
            self.stdout.write(f"{label} {reference}")
        self.stdout.write(f"{len(done)} account(s)")
