"""The privacy framework is a framework: it imports no domain or interface app, and it looks no
model up by name; the apps come to it through what they register in their `privacy.py`."""

from __future__ import annotations

import ast
from pathlib import Path

import creneau

DOMAIN_APPS = ("accounts", "catalog", "bookings", "consent", "rights", "backoffice", "web", "api")
PACKAGE = Path(creneau.__file__).parent


def framework_modules() -> list[Path]:
    return [
        path
        for path in sorted((PACKAGE / "privacy").rglob("*.py"))
        if "migrations" not in path.parts
    ]


def imported_modules(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_of_the_framework_imports_a_domain_app():
    found = []
    for path in framework_modules():
        for name in imported_modules(ast.parse(path.read_text())):
            if name.startswith(tuple(f"creneau.{app}" for app in DOMAIN_APPS)):
                found.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert found == []


def by_name(node: ast.Attribute) -> bool:
    """`x.get_model(...)`, or the project-wide `apps.get_models()` (an app config's own
    `get_models()` lists what that app registered, which is how the registry reads them)."""
    if node.attr == "get_model":
        return True
    return (
        node.attr == "get_models" and isinstance(node.value, ast.Name) and node.value.id == "apps"
    )


def test_no_module_of_the_framework_looks_a_model_up_by_name():
    found = []
    for path in framework_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and by_name(node):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_the_checks_see_an_import_of_a_domain_app_and_a_lookup_by_name():
    tree = ast.parse("from creneau.bookings.models import Booking\nimport creneau.consent")
    assert {"creneau.bookings.models", "creneau.consent"} <= imported_modules(tree)
    lookups = ast.parse('apps.get_model("bookings", "Booking")\napps.get_models()\nc.get_models()')
    found = [
        node for node in ast.walk(lookups) if isinstance(node, ast.Attribute) and by_name(node)
    ]
    assert len(found) == 2
