"""docs/configuration.md names every environment variable settings.py reads, so that a newcomer
finds each setting, its default and its meaning in one place."""

from __future__ import annotations

import re

from tests.production.test_the_environment_example_lists_every_variable_settings_reads import (
    ROOT,
    variables_read_by_settings,
)


def variables_in_the_doc() -> set[str]:
    text = (ROOT / "docs" / "configuration.md").read_text()
    return set(re.findall(r"`([A-Z][A-Z0-9_]*)`", text))


def test_the_configuration_doc_lists_every_variable_settings_reads():
    missing = variables_read_by_settings() - variables_in_the_doc()
    assert not missing, f"add to docs/configuration.md: {sorted(missing)}"
