"""The README is read in five minutes and leads to every reference page: at most 200 lines, and
a link to each file of docs/."""

from __future__ import annotations

from tests.production.test_the_environment_example_lists_every_variable_settings_reads import (
    ROOT,
)


def test_the_readme_has_at_most_200_lines():
    lines = (ROOT / "README.md").read_text().splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines: move the reference to docs/"


def test_the_readme_links_every_file_of_docs():
    readme = (ROOT / "README.md").read_text()
    docs = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "docs").glob("*.md"))
    assert docs, "docs/ has no page"
    missing = [doc for doc in docs if f"]({doc})" not in readme]
    assert not missing, f"link from the README's documentation index: {missing}"
