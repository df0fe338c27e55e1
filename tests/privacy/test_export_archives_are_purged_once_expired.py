"""The retention helper deletes expired archives, row and file, and keeps the others."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from creneau.privacy.export import (
    EXPORT_LIFETIME,
    export_file_write,
    export_request,
    exports_purge_expired,
)
from creneau.privacy.models import ExportFile

pytestmark = pytest.mark.django_db


def test_expired_archives_go_and_current_ones_stay(customer, other_customer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    old = export_file_write(export=export_request(user=customer, now=now - EXPORT_LIFETIME))
    fresh = export_file_write(export=export_request(user=other_customer, now=now))

    assert exports_purge_expired(now=now + timedelta(seconds=1)) == 1

    assert list(ExportFile.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not (tmp_path / old.path).exists()
    assert Path(tmp_path / fresh.path).exists()
