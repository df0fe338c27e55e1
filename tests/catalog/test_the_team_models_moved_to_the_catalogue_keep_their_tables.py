"""The salon's security rule and staff invitations belong to the catalogue now, in the tables
the back office created: no row was copied, and the migrations describe the models exactly."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from creneau.catalog.models import SalonSecurity, StaffInvitation

pytestmark = pytest.mark.django_db


def test_the_models_use_the_back_office_tables():
    assert SalonSecurity._meta.app_label == "catalog"
    assert StaffInvitation._meta.app_label == "catalog"
    assert SalonSecurity._meta.db_table == "backoffice_salonsecurity"
    assert StaffInvitation._meta.db_table == "backoffice_staffinvitation"
    tables = connection.introspection.table_names()
    assert "backoffice_salonsecurity" in tables
    assert "backoffice_staffinvitation" in tables
    assert "catalog_salonsecurity" not in tables


def test_no_migration_is_missing():
    # Exits with status 1 when the models and the migrations disagree.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
