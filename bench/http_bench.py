"""HTTP benchmark: a real WSGI server on loopback, loaded by locust, on this machine.

    python -m bench.http_bench                  # or: python -m bench http
    python -m bench.http_bench --workers 3 --threads 1 --seconds 20
    python -m bench.http_bench --server gunicorn --pages slots,salon

Starts the WSGI server, granian (its WSGI interface, production's; --threads is its blocking
threads per worker) or gunicorn (sync workers, or gthread with --threads above 1), DEBUG off,
static files collected, as in production, on a free 127.0.0.1 port against the bench database
(`bench.availability_db`, SQLite under var/bench/), then for each page runs locust headless in a
subprocess: 16 users, no think time, all started at once, statistics reset once they are all
running, for a bounded time (20 s). Only loopback is ever addressed. Reports requests/s,
p50/p90/p99 in ms, failures (anything but a 200), the CPU time the server's processes spent per
request (the least noisy figure on a shared machine) and, after each load, the resident memory
(RSS) of each server worker. Everything it started is stopped before it returns, on error too.

The load generator runs on the same two cores as the server, so the figures are for the
whole machine, noisy as it is (other engineers' test runs); the load average is printed.

Budgets (DESIGN.md), SQLite, 16 concurrent clients, no errors: one day's slots at least
200 requests/s with p99 under 150 ms; salon page at least 300 requests/s; web process RSS
under 150 MB. `run()` returns (name, median ms, note) for `python -m bench`.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench import availability_db
from bench.servers import HOST, ROOT, SERVERS, free_port, server_command, static_is_fresh

availability_db.configure()

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

USERS = 16
SECONDS = 20
# One worker per core, one request at a time each: the pages are CPU-bound Python and SQLite
# reads are quick, so more processes or threads only add switching on two cores shared with
# the load generator (measured: see docs/benchmarks.md).
WORKERS = 2
THREADS = 1
SERVER = "granian"
LOG_DIR = availability_db.BENCH_DIR / "http"
# --pages picks some of them by key.
PAGE_KEYS = {
    "slots": "slot page, one day",
    "salon": "salon page, bench salon",
    "demo": "salon page, demo salon",
}
BUDGETS = {
    # name: (minimum requests/s, maximum p99 ms or None)
    "slot page, one day": (200.0, 150.0),
    "salon page, bench salon": (300.0, None),
    "salon page, demo salon": (300.0, None),
}
RSS_BUDGET_MB = 150.0


@dataclass(frozen=True)
class LoadResult:
    name: str
    path: str
    requests: int
    failures: int
    rps: float
    p50: float
    p90: float
    p99: float
    worker_rss_mb: list[float]
    load_average: float
    # CPU time the server's processes (main and workers) spent, per request: unlike requests/s
    # it barely moves with the other runs sharing the machine. Counts the few requests made
    # before the statistics reset too, so it is slightly high, equally for every server.
    cpu_ms_per_request: float


def server_environment() -> dict[str, str]:
    """Production-like settings for the bench server: DEBUG off, no HTTPS redirect (plain
    HTTP on loopback), a throwaway key, the bench database and VAR_DIR."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "creneau.settings",
            "DATABASE_URL": availability_db.DATABASE_URL,
            "VAR_DIR": str(availability_db.VAR_DIR),
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"http://{HOST}",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def collect_static(env: dict[str, str]) -> None:
    """DEBUG off serves hashed, compressed files listed in a manifest: build it, unless it is
    newer than every project static file and the lock (compressing takes a minute or two)."""
    if static_is_fresh(availability_db.VAR_DIR / "static"):
        return
    print("Collecting static files for the bench server...", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def start_server(
    env: dict[str, str], port: int, workers: int, threads: int, server: str = SERVER
) -> subprocess.Popen:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = open(LOG_DIR / f"{server}.log", "ab")  # noqa: SIM115 - the child keeps it open
    try:
        return subprocess.Popen(
            server_command(server, host=HOST, port=port, workers=workers, threads=threads),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    finally:
        log.close()


def wait_until_ready(server: subprocess.Popen, port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    url = f"http://{HOST}:{port}/healthz"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}: see {LOG_DIR}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer {url} within {timeout:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # graceful: workers finish their request and exit
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def worker_pids(master: int) -> list[int]:
    """The server's workers: the children of its main process, from /proc (Linux)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the ppid follows it.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == master:
            pids.append(int(entry.name))
    return sorted(pids)


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of these processes (all their threads), from /proc."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_locust(name: str, path: str, port: int, seconds: int, cookie: str = "") -> dict[str, str]:
    """One headless locust run (sending `cookie`, "name=value", if given); returns its
    aggregated CSV row."""
    prefix = LOG_DIR / name.replace(" ", "-").replace(",", "")
    env = dict(os.environ, BENCH_PATH=path, BENCH_COOKIE=cookie)
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(USERS),
        "--spawn-rate",
        str(USERS),
        "--run-time",
        f"{seconds}s",
        "--reset-stats",
        "--host",
        f"http://{HOST}:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        timeout=seconds + 60,
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                return row
    raise SystemExit(f"No aggregated row in {prefix}_stats.csv")


def measure(
    *,
    workers: int = WORKERS,
    threads: int = THREADS,
    seconds: int = SECONDS,
    server: str = SERVER,
    pages: tuple[str, ...] = tuple(PAGE_KEYS),
) -> list[LoadResult]:
    salon = availability_db.ensure_database(timezone.localdate())
    paths = {
        "slots": salon.slots_url(salon.one_day),
        "salon": salon.url,
        "demo": salon.demo_salon_url,
    }
    env = server_environment()
    collect_static(env)
    port = free_port()
    process = start_server(env, port, workers, threads, server)
    results = []
    try:
        wait_until_ready(process, port)
        for key in pages:
            name, path = PAGE_KEYS[key], paths[key]
            server_pids = [process.pid, *worker_pids(process.pid)]
            cpu_before = cpu_seconds(server_pids)
            row = run_locust(name, path, port, seconds)
            cpu_used = cpu_seconds(server_pids) - cpu_before
            requests = int(row["Request Count"])
            results.append(
                LoadResult(
                    name=name,
                    path=path,
                    requests=requests,
                    failures=int(row["Failure Count"]),
                    rps=float(row["Requests/s"]),
                    p50=float(row["50%"]),
                    p90=float(row["90%"]),
                    p99=float(row["99%"]),
                    worker_rss_mb=[rss_mb(pid) for pid in worker_pids(process.pid)],
                    load_average=os.getloadavg()[0],
                    cpu_ms_per_request=1000 * cpu_used / max(requests, 1),
                )
            )
    finally:
        stop_server(process)
    return results


def describe(server: str, workers: int, threads: int) -> str:
    if server == "granian":
        return f"granian (WSGI) {workers} worker(s) x {threads} blocking thread(s)"
    kind = "sync" if threads == 1 else "gthread"
    return f"gunicorn {workers} {kind} worker(s) x {threads} thread(s)"


def report(
    results: list[LoadResult], workers: int, threads: int, seconds: int, server: str = SERVER
) -> None:
    print(
        f"HTTP, {describe(server, workers, threads)} on {HOST}, SQLite, "
        f"locust {USERS} users, no think time, {seconds} s each (stats after ramp-up)"
    )
    print(
        f"{'page':<26}{'req/s':>8}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'fail':>6}"
        f"{'requests':>10}{'CPU ms/req':>11}{'worker RSS MB':>16}{'load':>6}  verdict"
    )
    for r in results:
        min_rps, max_p99 = BUDGETS[r.name]
        ok = r.rps >= min_rps and r.failures == 0 and (max_p99 is None or r.p99 < max_p99)
        ok = ok and max(r.worker_rss_mb, default=0) < RSS_BUDGET_MB
        budget = f">= {min_rps:.0f} req/s" + (f", p99 < {max_p99:.0f} ms" if max_p99 else "")
        rss = "/".join(f"{mb:.0f}" for mb in r.worker_rss_mb)
        print(
            f"{r.name:<26}{r.rps:>8.0f}{r.p50:>8.0f}{r.p90:>8.0f}{r.p99:>8.0f}{r.failures:>6}"
            f"{r.requests:>10}{r.cpu_ms_per_request:>11.1f}{rss:>16}{r.load_average:>6.1f}  "
            f"{'within' if ok else 'OVER'} ({budget}, no failure, RSS < {RSS_BUDGET_MB:.0f} MB)"
        )


def run(
    *,
    workers: int = WORKERS,
    threads: int = THREADS,
    seconds: int = SECONDS,
    server: str = SERVER,
    pages: tuple[str, ...] = tuple(PAGE_KEYS),
) -> list[tuple[str, float, str]]:
    results = measure(workers=workers, threads=threads, seconds=seconds, server=server, pages=pages)
    report(results, workers, threads, seconds, server)
    return [
        (
            f"http ({server}): {r.name}",
            r.p50,
            f"{r.rps:.0f} req/s, p99 {r.p99:.0f} ms, {r.failures} failures, "
            f"server CPU {r.cpu_ms_per_request:.1f} ms/request, "
            f"worker RSS {max(r.worker_rss_mb, default=0):.0f} MB",
        )
        for r in results
    ]


def page_keys(raw: str) -> tuple[str, ...]:
    keys = tuple(key.strip() for key in raw.split(",") if key.strip())
    unknown = [key for key in keys if key not in PAGE_KEYS]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(PAGE_KEYS)}")
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=SERVERS, default=SERVER)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--seconds", type=int, default=SECONDS)
    parser.add_argument(
        "--pages",
        type=page_keys,
        default=tuple(PAGE_KEYS),
        help=f"comma-separated, among {', '.join(PAGE_KEYS)} (default: all)",
    )
    options = parser.parse_args()
    run(
        workers=options.workers,
        threads=options.threads,
        seconds=options.seconds,
        server=options.server,
        pages=options.pages,
    )


if __name__ == "__main__":
    main()
