"""`make sbom` writes a CycloneDX JSON SBOM of the installed, locked environment."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    return {
        normalise(name): version
        for name, version in re.findall(r"^([A-Za-z0-9][\w.-]*)==(\S+)", text, re.MULTILINE)
    }


def test_make_sbom_lists_every_locked_package_with_its_version(tmp_path):
    sbom_path = tmp_path / "sbom.cdx.json"

    result = subprocess.run(
        # The schema validation (about 30 s of CPU) runs once, in .ci/run's `make sbom`.
        [
            "make",
            "--no-print-directory",
            "sbom",
            f"SBOM={sbom_path}",
            "SBOM_VALIDATE=--no-validate",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    sbom = json.loads(sbom_path.read_text())
    assert sbom["bomFormat"] == "CycloneDX"
    assert sbom["specVersion"] == "1.6"
    assert sbom["metadata"]["component"]["name"] == "creneau"
    components = {normalise(c["name"]): c for c in sbom["components"]}
    assert components["django"]["version"] == django.get_version() == locked()["django"]
    assert components["django"]["purl"] == f"pkg:pypi/django@{django.get_version()}"
    assert {"BSD-3-Clause"} == {
        entry["license"].get("id") for entry in components["django"]["licenses"]
    }
    versions = {name: component["version"] for name, component in components.items()}
    assert locked().items() <= versions.items()
