"""deploy/creneau.env.example names every environment variable settings.py reads, so that the
production guide's environment file is complete."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_READERS = {"env_bool", "env_int", "env_list", "env_str", "env_pattern"}


def variables_read_by_settings() -> set[str]:
    names = set()
    for node in ast.walk(ast.parse((ROOT / "creneau" / "settings.py").read_text())):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        func = node.func
        helper = isinstance(func, ast.Name) and func.id in ENV_READERS
        environ_get = (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "environ"
        )
        if helper or environ_get:
            names.add(first.value)
    return names


def variables_in_the_example() -> set[str]:
    text = (ROOT / "deploy" / "creneau.env.example").read_text()
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_settings_reads_the_variables_this_test_expects():
    # The parser above finds them: a change of helper names would make the next test vacuous.
    assert {"DATABASE_URL", "SECRET_KEY", "EMAIL_URL", "TRUSTED_PROXY_COUNT"} <= (
        variables_read_by_settings()
    )


def test_the_example_lists_every_variable_settings_reads():
    missing = variables_read_by_settings() - variables_in_the_example()
    assert not missing, f"add to deploy/creneau.env.example: {sorted(missing)}"
