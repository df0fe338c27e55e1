"""The search results page over HTTP on the 10,000-salon data set: a real WSGI server on
loopback (granian, two workers, DEBUG off, as `bench.http_bench` runs it), loaded by locust
with 16 users and no think time, for a bounded time. Only loopback is ever addressed.

    python -m bench.search_http_bench            # builds the data set first if needed

Budget (DESIGN.md): at least 200 requests/s at 16 clients, p99 under 150 ms, no errors. The
server runs at the real time while the data set's summaries are for its fixed day, so the
pages measured here are the typed-line searches (their free-times subqueries run, and find
none); the day filter is measured in process by `bench.search_bench`.
"""

from __future__ import annotations

import os
import sys

from bench import http_bench
from bench.servers import ROOT, free_port

PAGES = [
    ("results: type and city", "/salons/?q=coiffeur+paris"),
    ("results: typo and arrondissement", "/salons/?q=coifeur+paris+10e"),
    ("results: service, city, soonest", "/salons/?q=balayage+lyon&sort=soonest"),
]
MIN_RPS = 200.0
MAX_P99_MS = 150.0


SALONS = int(os.environ.get("BENCH_SALONS", "10000"))
# Built by `python -m bench.search_bench`; not imported here: `bench.http_bench` has already
# pointed this process's Django at its own database.
DB_PATH = ROOT / "var" / "bench" / f"search-{SALONS}.sqlite3"


def run(seconds: int = http_bench.SECONDS) -> list[tuple[str, float]]:
    if not DB_PATH.exists():
        raise SystemExit(f"{DB_PATH} is missing: run python -m bench.search_bench first.")
    env = http_bench.server_environment()
    env["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
    http_bench.collect_static(env)
    port = free_port()
    process = http_bench.start_server(env, port, http_bench.WORKERS, http_bench.THREADS)
    results: list[tuple[str, float]] = []
    try:
        http_bench.wait_until_ready(process, port)
        print(f"Search results over HTTP, {SALONS:,} salons, 16 clients, {seconds} s")
        print(f"{'page':<36}{'req/s':>8}{'p50':>7}{'p99':>7}{'fail':>6}  verdict")
        for name, path in PAGES:
            row = http_bench.run_locust(name, path, port, seconds)
            rps, p99 = float(row["Requests/s"]), float(row["99%"])
            failures = int(row["Failure Count"])
            ok = rps >= MIN_RPS and p99 < MAX_P99_MS and failures == 0
            print(
                f"{name:<36}{rps:>8.0f}{float(row['50%']):>7.0f}{p99:>7.0f}{failures:>6}  "
                f"{'OK' if ok else 'OVER BUDGET'}"
            )
            results.append((f"search http: {name}", float(row["50%"])))
    finally:
        http_bench.stop_server(process)
    print(f"load average {os.getloadavg()[0]:.1f}")
    return results


if __name__ == "__main__":
    run()
    sys.exit(0)
