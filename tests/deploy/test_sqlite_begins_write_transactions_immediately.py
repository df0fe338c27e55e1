"""creneau.E030: every SQLite database takes its write lock when a transaction begins."""

from __future__ import annotations

import copy

import pytest

from creneau.checks import check_sqlite_transaction_mode
from tests.deploy.conftest import ids

# The check reads settings.DATABASES only; no connection is opened with these dictionaries.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")

SQLITE = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/creneau/creneau.sqlite3"}


def sqlite(**options: object) -> dict:
    return {**SQLITE, "OPTIONS": options}


def test_the_databases_of_this_run_pass():
    # SQLite as settings.py configures it, or PostgreSQL (not concerned). settings.py's SQLite
    # branch is also checked in a fresh process: test_check_deploy_is_clean_in_production.py.
    assert check_sqlite_transaction_mode(None) == []


def test_a_second_sqlite_database_in_immediate_mode_passes(settings):
    databases = copy.deepcopy(settings.DATABASES)
    databases["reports"] = sqlite(transaction_mode="immediate", timeout=20)
    settings.DATABASES = databases

    assert check_sqlite_transaction_mode(None) == []


@pytest.mark.parametrize("options", [{}, {"transaction_mode": "DEFERRED"}, {"timeout": 20}])
def test_an_sqlite_database_in_deferred_mode_fails(settings, options):
    databases = copy.deepcopy(settings.DATABASES)
    databases["reports"] = sqlite(**options)
    settings.DATABASES = databases

    errors = check_sqlite_transaction_mode(None)

    assert ids(errors) == ["creneau.E030"]
    assert "'reports'" in errors[0].msg


def test_other_engines_are_not_concerned(settings):
    databases = copy.deepcopy(settings.DATABASES)
    databases["reports"] = {"ENGINE": "django.db.backends.postgresql", "NAME": "creneau"}
    settings.DATABASES = databases

    assert check_sqlite_transaction_mode(None) == []
