"""The search results page over HTTP on the 10,000-salon data set: a real WSGI server on
loopback (granian, two workers, DEBUG off, as `bench.http_bench` runs it), loaded by locust
with 16 users and no think time, for a bounded time. Only loopback is ever addressed.

    python -m bench.search_http_bench                        # pages kept for anonymous visitors
    python -m bench.search_http_bench --visitor logged-in    # each page rendered for its visitor
    python -m bench.search_http_bench --nothing-kept         # PAGE_CACHE_SECONDS=0: every search
                                                             # run and every page rendered
    python -m bench.search_http_bench --runs 3               # median of three runs per page

What a logged-in visitor gets is a page rendered for them around reused parts: the answer to
the same search made in the same minute while nothing changed, the cards and the form
(`web.catalog_views`). `--nothing-kept` measures the first visitor of a search: the search
runs, only the cards and the form may be reused (`--no-fragments`: not even those).

Budget (DESIGN.md): at least 200 requests/s at 16 clients, p99 under 150 ms, no errors. The
server runs at the real time while the data set's summaries are for its fixed day, so the
pages measured here are the typed-line searches (their free-times subqueries run, and find
none); the day filter is measured in process by `bench.search_bench`. Also printed: the CPU
time the server's processes spent per request, the least noisy figure on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
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
VISITOR_EMAIL = "bench-visitor@example.invalid"

# Run in a child process configured like the server (its database, its SECRET_KEY, which
# signs the session): the bench visitor's account and a session for it; prints the cookie.
_LOGIN = f"""
import django
django.setup()
from django.conf import settings
from django.test import Client
from creneau.accounts.models import User
user = User.objects.filter(email={VISITOR_EMAIL!r}).first() or User.objects.create_user(
    {VISITOR_EMAIL!r}, None, first_name="Bench", last_name="Visitor"
)
client = Client()
client.force_login(user)
print(f"{{settings.SESSION_COOKIE_NAME}}={{client.cookies[settings.SESSION_COOKIE_NAME].value}}")
"""


def session_cookie(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _LOGIN],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def run(
    seconds: int = http_bench.SECONDS,
    *,
    visitor: str = "anonymous",
    nothing_kept: bool = False,
    fragments: bool = True,
    runs: int = 1,
) -> list[tuple[str, float]]:
    if not DB_PATH.exists():
        raise SystemExit(f"{DB_PATH} is missing: run python -m bench.search_bench first.")
    env = http_bench.server_environment()
    env["DATABASE_URL"] = f"sqlite:///{DB_PATH}"
    if nothing_kept:
        env["PAGE_CACHE_SECONDS"] = "0"
    if not fragments:
        env["FRAGMENT_CACHE_ENTRIES"] = "0"
    cookie = session_cookie(env) if visitor == "logged-in" else ""
    http_bench.collect_static(env)
    port = free_port()
    process = http_bench.start_server(env, port, http_bench.WORKERS, http_bench.THREADS)
    results: list[tuple[str, float]] = []
    try:
        http_bench.wait_until_ready(process, port)
        kept = "nothing kept" if nothing_kept else "pages kept for anonymous visitors"
        print(
            f"Search results over HTTP, {SALONS:,} salons, 16 clients, {seconds} s, "
            f"{visitor} visitor, {kept}, fragments {'on' if fragments else 'off'}, "
            f"median of {runs} run(s)"
        )
        print(
            f"{'page':<36}{'req/s':>8}{'p50':>7}{'p99':>7}{'fail':>6}{'CPU ms/req':>11}"
            f"{'load':>6}  verdict"
        )
        for name, path in PAGES:
            rows = []
            for _ in range(runs):
                server_pids = [process.pid, *http_bench.worker_pids(process.pid)]
                cpu_before = http_bench.cpu_seconds(server_pids)
                row = http_bench.run_locust(name, path, port, seconds, cookie)
                cpu = http_bench.cpu_seconds(server_pids) - cpu_before
                rows.append((row, 1000 * cpu / max(int(row["Request Count"]), 1)))
            rps = statistics.median(float(row["Requests/s"]) for row, _ in rows)
            p50 = statistics.median(float(row["50%"]) for row, _ in rows)
            p99 = statistics.median(float(row["99%"]) for row, _ in rows)
            cpu_ms = statistics.median(cpu for _, cpu in rows)
            failures = sum(int(row["Failure Count"]) for row, _ in rows)
            ok = rps >= MIN_RPS and p99 < MAX_P99_MS and failures == 0
            print(
                f"{name:<36}{rps:>8.0f}{p50:>7.0f}{p99:>7.0f}{failures:>6}{cpu_ms:>11.1f}"
                f"{os.getloadavg()[0]:>6.1f}  {'OK' if ok else 'OVER BUDGET'}"
            )
            if runs > 1:
                each = ", ".join(
                    f"{float(row['Requests/s']):.0f}/s p99 {float(row['99%']):.0f}"
                    for row, _ in rows
                )
                print(f"{'':<4}runs: {each}")
            results.append((f"search http: {name}", p50))
    finally:
        http_bench.stop_server(process)
    print(f"load average {os.getloadavg()[0]:.1f}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=http_bench.SECONDS)
    parser.add_argument("--visitor", choices=("anonymous", "logged-in"), default="anonymous")
    parser.add_argument("--nothing-kept", action="store_true", help="PAGE_CACHE_SECONDS=0")
    parser.add_argument(
        "--no-fragments", action="store_true", help="FRAGMENT_CACHE_ENTRIES=0: no kept cards"
    )
    parser.add_argument("--runs", type=int, default=1)
    options = parser.parse_args()
    run(
        options.seconds,
        visitor=options.visitor,
        nothing_kept=options.nothing_kept,
        fragments=not options.no_fragments,
        runs=options.runs,
    )


if __name__ == "__main__":
    main()
    sys.exit(0)
