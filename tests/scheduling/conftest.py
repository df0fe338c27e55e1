"""The engine is pure Python: its tests need neither Django nor a database."""

import pytest


@pytest.fixture(autouse=True)
def _fast_settings():
    # Overrides the project-wide autouse fixture that adjusts Django settings, so that these
    # tests also run without pytest-django (`pytest -p no:django tests/scheduling`).
    return None
