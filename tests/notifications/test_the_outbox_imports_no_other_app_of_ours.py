"""The outbox is the lowest framework: nothing in `creneau/notifications` (migrations aside,
they record history) imports another app of ours, so any app may send messages without a
cycle. Booking messages, reminders and the marketing gate live with the apps they belong to."""

from __future__ import annotations

import ast
from pathlib import Path

import creneau.notifications

# The package's own shared modules (errors, phone numbers) are not apps.
ALLOWED = {"creneau.notifications", "creneau.errors", "creneau.phones"}
PACKAGE = Path(creneau.notifications.__file__).parent


def imported_modules(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def of_ours_but_not_allowed(module: str) -> bool:
    if not module.startswith("creneau."):
        return False
    return not any(module == ok or module.startswith(f"{ok}.") for ok in ALLOWED)


def test_no_module_of_the_outbox_imports_another_app_of_ours():
    sources = [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]
    assert len(sources) > 5  # the walk found the package

    offending = {
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in sources
        for module in imported_modules(path)
        if of_ours_but_not_allowed(module)
    }

    assert offending == set()


def test_the_check_catches_an_import_of_a_feature(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text(
        "from creneau.bookings.models import Booking\nfrom creneau import privacy\n"
        "import creneau.accounts.models\nfrom creneau.notifications.models import Channel\n"
    )

    flagged = [m for m in imported_modules(module) if of_ours_but_not_allowed(m)]

    assert flagged == ["creneau.bookings.models", "creneau.bookings.models.Booking",
                       "creneau.privacy", "creneau.accounts.models"]  # fmt: skip
