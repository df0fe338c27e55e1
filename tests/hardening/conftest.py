"""Hardening fixtures: a frozen Monday morning and the back office's personas."""

from __future__ import annotations

from datetime import UTC

import pytest
import time_machine

from tests.backoffice.conftest import login, manager, other_salon, owner, staff_user  # noqa: F401
from tests.conftest import paris

# Monday 7 December 2026, 08:00 in Paris; the salon works Monday to Saturday.
NOW = paris(2026, 12, 7, 8).astimezone(UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
