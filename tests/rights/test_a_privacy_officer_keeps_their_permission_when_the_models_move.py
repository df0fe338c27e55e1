"""The rights models moved from the privacy app to the rights app with their tables. A database
migrated before the move granted the privacy officer's permission on the old content type; the
move's migration relabels the content type, so the permission still holds, now as
`rights.handle_rightsrequest`, and the requests stay where they were."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from creneau.rights.models import RightsRequest
from creneau.rights.rights_requests import rights_request_register

BEFORE_THE_MOVE = [
    ("privacy", "0010_erasure_tombstones"),
    ("consent", None),
    ("rights", None),
    ("bookings", "0004_booking_pseudonymised"),
]


def migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def latest() -> list[tuple[str, str | None]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_permission_and_the_requests_survive_the_move(make_user):
    officer = make_user("officer@example.org", is_staff=True)
    request = rights_request_register(
        actor=officer,
        first_name="Ana",
        last_name="Lopes",
        email="ana@example.org",
        right="erasure",
        statement="",
        now=timezone.now(),
    )
    migrate(BEFORE_THE_MOVE)
    # As a database migrated before the move had it: the content type under the privacy app.
    ContentType.objects.filter(app_label="rights", model="rightsrequest").delete()
    old, _ = ContentType.objects.get_or_create(app_label="privacy", model="rightsrequest")
    permission, _ = Permission.objects.get_or_create(
        codename="handle_rightsrequest", content_type=old, defaults={"name": "Privacy officer"}
    )
    officer.user_permissions.add(permission)
    ContentType.objects.clear_cache()

    migrate(latest())

    ContentType.objects.clear_cache()
    officer = type(officer).objects.get(pk=officer.pk)
    assert officer.has_perm("rights.handle_rightsrequest")
    assert not ContentType.objects.filter(app_label="privacy", model="rightsrequest").exists()
    assert RightsRequest.objects.get().reference == request.reference
