"""`manage.py restore` replaces the whole database, so it refuses to start without --yes when
no one can confirm at a terminal, and refuses a file that is not the one its manifest describes
or a backup of the other engine. In each case the database is left as it was."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from creneau.accounts.models import User
from creneau.backups.services import backup_create
from creneau.backups.storage import manifest_path
from tests.backups.conftest import bytes_overwrite

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup(backups, customer):
    return backup_create(now=timezone.now()).path


def test_without_yes_and_without_a_terminal_nothing_is_restored(backup, other_customer):
    out = io.StringIO()
    with pytest.raises(CommandError, match="restore refused: not confirmed"):
        call_command("restore", str(backup), stdout=out)

    assert User.objects.filter(pk=other_customer.pk).exists()  # made after the backup


def test_a_file_that_changed_since_its_manifest_is_not_restored(backup, other_customer):
    bytes_overwrite(backup, backup.stat().st_size // 2, b"\xff" * 32)

    with pytest.raises(CommandError, match="sha256 differs from the manifest: refusing"):
        call_command("restore", str(backup), yes=True, stdout=io.StringIO())

    assert User.objects.filter(pk=other_customer.pk).exists()


def test_a_backup_of_the_other_engine_is_not_restored(backup, other_customer):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    path = manifest_path(backup)
    path.write_text(json.dumps({**json.loads(path.read_text()), "engine": other}))

    with pytest.raises(CommandError, match=f"this is a {other} backup"):
        call_command("restore", str(backup), yes=True, stdout=io.StringIO())

    assert User.objects.filter(pk=other_customer.pk).exists()
