"""The WSGI servers the benchmarks and the scale-out test start, with the flags production uses.

No Django here: the callers start the server as a subprocess with their own environment.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

SERVERS = ("gunicorn", "granian")
HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port free on the loopback address right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def static_is_fresh(static_root: Path) -> bool:
    """Whether the collected static files under `static_root` (manifest storage, DEBUG off) are
    newer than every project static file and the lock: compressing them takes a minute."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    sources = [ROOT / "requirements.lock", *ROOT.glob("creneau/**/static/**/*")]
    return all(path.stat().st_mtime < built for path in sources)


def server_command(
    server: str, *, host: str, port: int, workers: int, threads: int, log_level: str = "warning"
) -> list[str]:
    """The command line of one web process serving `creneau.wsgi` on host:port.

    gunicorn: sync workers, or gthread when `threads` > 1. granian: its WSGI interface, with
    `threads` blocking threads (the Python threads that run the application) per worker.
    No access log (nginx keeps one in production; in a benchmark a line per request would be
    measured too); warnings and errors go to stderr.
    """
    if server == "granian":
        return [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "creneau.wsgi:application",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            # granian's default for WSGI is half its backpressure: hundreds of threads.
            "--blocking-threads",
            str(threads),
            "--no-access-log",
            "--log-level",
            log_level,
        ]
    if server == "gunicorn":
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "creneau.wsgi",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--error-logfile",
            "-",
            "--log-level",
            log_level,
        ]
    raise ValueError(f"Unknown server {server!r}: choose among {', '.join(SERVERS)}")
