"""deploy/systemd/ holds units systemd accepts: `systemd-analyze verify` finds no unknown
directive, bad value or missing command in them, with /srv/creneau read as this checkout."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"


def test_the_units_pass_systemd_analyze_verify(tmp_path):
    # .ci/run installs Debian's systemd package when the command is missing: never skipped.
    assert shutil.which("systemd-analyze"), "systemd-analyze not found: apt-get install systemd"
    assert (ROOT / ".venv" / "bin" / "python").exists(), "make install first"
    names = []
    for unit in sorted(UNITS.iterdir()):
        text = unit.read_text().replace("/srv/creneau", str(ROOT))
        # A template is verified through one of its instances.
        name = unit.name.replace("@.", "@1.")
        (tmp_path / name).write_text(text)
        names.append(str(tmp_path / name))
    result = subprocess.run(
        ["systemd-analyze", "verify", *names], capture_output=True, text=True, timeout=60
    )
    # Only what is said about our units counts: the host's own units are not ours to judge.
    about_ours = [line for line in result.stderr.splitlines() if "creneau" in line]
    assert result.returncode == 0 and not about_ours, result.stderr
    assert len(names) >= 5  # web, worker template, clock, release, target
