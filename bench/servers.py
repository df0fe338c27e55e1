"""The WSGI servers the benchmarks and the scale-out test start, with the flags production uses.

No Django here: both callers start the server as a subprocess with their own environment.
"""

from __future__ import annotations

import sys

SERVERS = ("gunicorn", "granian")


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
