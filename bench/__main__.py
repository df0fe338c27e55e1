"""Run the benchmarks and print one table of medians: `python -m bench` (what `make bench`
runs) runs every `bench/*_bench.py`; `python -m bench engine http` runs some of them.

Each benchmark runs in its own Python process: each points Django at its own database before
importing it (search: 10,000 salons; availability and http: the availability bench database),
and Django is configured once per process. A benchmark's `run()` prints its own detailed table
and returns (name, median ms) or (name, median ms, note) rows, gathered here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every bench/<name>_bench.py, by name; the HTTP load test last, as it loads the whole machine.
BENCHMARKS = {
    path.stem.removesuffix("_bench"): f"bench.{path.stem}"
    for path in sorted(
        (ROOT / "bench").glob("*_bench.py"), key=lambda path: (path.stem == "http_bench", path)
    )
}


def run_child(module: str, out: str) -> None:
    """In the child process: run one benchmark and write its rows as JSON."""
    rows = import_module(module).run()
    Path(out).write_text(json.dumps([list(row) for row in rows]))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        run_child(argv[1], argv[2])
        return 0
    unknown = [name for name in argv if name not in BENCHMARKS]
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    names = argv or list(BENCHMARKS)
    started = datetime.now(UTC)
    table: list[tuple[str, float, str]] = []
    failed: list[str] = []
    for name in names:
        print(f"\n=== {name} ({BENCHMARKS[name]}), load average {os.getloadavg()[0]:.1f}\n")
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
            path = out.name
        try:
            done = subprocess.run(
                [sys.executable, "-m", "bench", "--child", BENCHMARKS[name], path],
                cwd=ROOT,
                check=False,
            )
            if done.returncode != 0:
                failed.append(name)
                continue
            for row in json.loads(Path(path).read_text()):
                case, median = row[0], row[1]
                note = row[2] if len(row) > 2 else ""
                table.append((case, float(median), note))
        finally:
            Path(path).unlink(missing_ok=True)
    print(
        f"\nSummary, {started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )
    width = max((len(case) for case, _, _ in table), default=10) + 2
    print(f"{'case':<{width}}{'median ms':>10}  notes")
    for case, median, note in table:
        print(f"{case:<{width}}{median:>10.3f}  {note}")
    if failed:
        print(f"\nFailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
