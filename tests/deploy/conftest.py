"""Deploy-check fixtures: the settings a production start gives (DEBUG=false), applied to the
test process, so each test changes one thing and sees its check fail."""

from __future__ import annotations

import pytest

import creneau.settings as project_settings


@pytest.fixture
def production(settings):
    # Cookie names and flags as settings.py sets them when DEBUG is off.
    for prefix, name in (
        ("SESSION_COOKIE", "__Host-sessionid"),
        ("CSRF_COOKIE", "__Host-csrftoken"),
        ("LANGUAGE_COOKIE", "__Host-lang"),
    ):
        setattr(settings, f"{prefix}_NAME", name)
        setattr(settings, f"{prefix}_SECURE", True)
    # The tests' autouse fixture swaps in a cheap hasher; production keeps settings.py's list.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    settings.API_DOCS_PUBLIC = False
    return settings


def ids(messages) -> list[str]:
    return [message.id for message in messages]
