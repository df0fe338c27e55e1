"""`manage.py retention [--dry-run]`: apply every retention rule now (the clock runs it daily)."""

from __future__ import annotations

from argparse import RawDescriptionHelpFormatter
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from creneau.privacy.retention import retention_apply, retention_rules_help


class Command(BaseCommand):
    help = (
        "Apply the retention periods of the privacy registry and settings (RETENTION_*). "
        "Each run is recorded as a RetentionRun with counts per rule, without personal data. "
        "With --dry-run, count what each rule would do and change nothing. The rules:\n"
        + retention_rules_help()
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Keep the list of rules one per line.
        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be done, change nothing"
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        run = retention_apply(now=timezone.now(), dry_run=dry_run)
        verb = "would be" if dry_run else "done"
        for code, count in run.counts.items():
            self.stdout.write(f"{code}: {count} {verb}" if count >= 0 else f"{code}: FAILED")
