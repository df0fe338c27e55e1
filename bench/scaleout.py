"""Scale-out on this machine: production's layout of processes, under a mixed load, checked.

    make scaleout          # scripts/with-postgres.sh .venv/bin/python -m bench.scaleout
    scripts/with-postgres.sh .venv/bin/python -m bench.scaleout --seconds 30 --users 8
    .venv/bin/python -m bench.scaleout --sqlite     # the embedded default, same processes

Needs DATABASE_URL pointing at a throwaway PostgreSQL cluster as a superuser, which
scripts/with-postgres.sh provides. In it, a database owned by a role that is no superuser (as
docs/production.md asks; the migrations create their extensions as that owner). With --sqlite,
a new SQLite file in the work directory instead (WAL, IMMEDIATE transactions: the settings'
own), shared by all the processes. Everything runs on 127.0.0.1 with DEBUG off and production's
defaults otherwise:

- the release steps: `check --deploy --fail-level WARNING`, `migrate`, `collectstatic` (the
  collected files are kept in VAR_DIR/scaleout/static and reused while up to date), then demo
  salons (`seed_demo`) and verified customers;
- an SMTP server (aiosmtpd, in this process) that records the Message-ID of each message;
- two web processes (the Procfile's WSGI server), each on its own free port;
- nginx with deploy/nginx/creneau.conf itself (TLS, with a throwaway certificate), spreading
  the requests over both web processes;
- two task workers (`manage.py db_worker`) and the clock (`manage.py clock`).

Then locust, headless, for a bounded time (bench/scaleout_locustfile.py: salon pages, slot
pages, bookings and cancellations through the API, by pre-created customers). Then it waits
(at most 90 s) for the workers to empty the outbox, stops everything and checks, printing each
result, and exits 1 if any fails:

1. no 5xx and no other unexpected answer in locust's statistics;
2. no two active bookings of one staff member overlap (a self-join on the bookings table);
3. every e-mail of the outbox, each booking confirmation among them, reached the SMTP server
   exactly once: its Message-ID received once, none missing, none twice, none unknown;
4. nginx's access log holds no client address, no query string and no secret token;
5. behind nginx Django sees HTTPS (no redirect) and sends HSTS once; straight to a web process
   without the proxy's header, it redirects to HTTPS;
6. no error or traceback in the logs of the web processes, workers, clock and nginx.

Everything it started is stopped when it ends, on an error or Ctrl-C too. Logs and locust's
CSV files are kept in a temporary directory when a check fails, removed otherwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.servers import HOST, ROOT, SERVERS, free_port, server_command, static_is_fresh

ROLE = DATABASE = "creneau_scaleout"
SALONS = 8
# Salons the customers book at: few, so that they compete for the same times.
BOOKED_SALONS = 3
# Days they book: from the day after tomorrow on, so that the usual 24-hour cancellation
# deadline never stops a cancellation and no reminder falls due during the run.
DAYS = range(2, 7)
DRAIN_TIMEOUT = 90.0
SITE_CONF = ROOT / "deploy" / "nginx" / "creneau.conf"


# --- Processes ----------------------------------------------------------------------------------


class Processes:
    """The subprocesses started here, each logging to its own file, stopped in reverse order."""

    def __init__(self, log_dir: Path, env: dict[str, str]) -> None:
        self.log_dir = log_dir
        self.env = env
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        with open(self.log_dir / f"{name}.log", "ab") as log:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own session: a Ctrl-C in the terminal reaches this script, which stops
                # the children in order, rather than all of them at once.
                start_new_session=True,
            )
        self.running.append((name, process))
        return process

    def run(self, name: str, command: list[str], timeout: float = 600) -> None:
        """Run a command to its end; its output goes to its log, shown if it fails."""
        log_path = self.log_dir / f"{name}.log"
        with open(log_path, "ab") as log:
            done = subprocess.run(
                command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        if done.returncode != 0:
            print(log_path.read_text()[-4000:], file=sys.stderr)
            raise SystemExit(f"scaleout: {name} failed (exit {done.returncode}), see {log_path}")

    def check_alive(self) -> None:
        for name, process in self.running:
            if process.poll() is not None:
                raise SystemExit(
                    f"scaleout: {name} exited with {process.returncode}, see "
                    f"{self.log_dir / (name + '.log')}"
                )

    def stop(self, *names: str) -> None:
        """SIGTERM to each (or to those `names`), the last started first, then up to 30 s for
        each to finish what it is doing (a worker its delivery, gunicorn its requests) before
        SIGKILL."""
        stopping = [(n, p) for n, p in reversed(self.running) if not names or n in names]
        for _name, process in stopping:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _name, process in stopping:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.running = [(n, p) for n, p in self.running if (n, p) not in stopping]


def procfile_server() -> str:
    """The WSGI server of the Procfile's web process (docs/production.md says why it won)."""
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            for server in SERVERS:
                if server in line:
                    return server
    raise SystemExit("scaleout: the Procfile's web process runs no server known to bench.servers")


def wait_for(url: str, processes: Processes, timeout: float = 60.0) -> None:
    context = ssl._create_unverified_context()  # noqa: S323 - our throwaway certificate
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes.check_alive()
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"scaleout: {url} did not answer within {timeout:.0f} s")


# --- SMTP sink ----------------------------------------------------------------------------------


class SmtpSink:
    """An SMTP server on loopback (aiosmtpd) keeping the Message-ID of every message accepted,
    also appended to a file, one per line. Nothing else of the messages is kept."""

    def __init__(self, path: Path) -> None:
        self.port = free_port()
        self.path = path
        self.ids: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._controller: Any = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import email
        import email.policy

        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message_id = str(message["Message-ID"] or "")
        with self._lock:
            self.ids[message_id] += 1
            with open(self.path, "a") as out:
                out.write(message_id + "\n")
        return "250 Message accepted for delivery"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname=HOST, port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def received(self) -> Counter[str]:
        with self._lock:
            return Counter(self.ids)


# --- Database -----------------------------------------------------------------------------------


def create_database(admin_url: str) -> str:
    """A role that is no superuser and a database it owns, in the throwaway cluster; returns
    the DATABASE_URL of the application."""
    import psycopg

    parts = urlsplit(admin_url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise SystemExit(
            "scaleout: DATABASE_URL must be a throwaway PostgreSQL cluster: run it through "
            "scripts/with-postgres.sh (make scaleout)."
        )
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if exists:
            raise SystemExit(
                f"scaleout: database {DATABASE} exists already; this needs a throwaway cluster "
                "(scripts/with-postgres.sh)."
            )
        connection.execute(f"CREATE ROLE {ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
        connection.execute(f"CREATE DATABASE {DATABASE} OWNER {ROLE}")
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    return f"postgres://{ROLE}@{netloc}/{DATABASE}"


# --- Static files and TLS -----------------------------------------------------------------------


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, valid two days."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def nginx_config(
    directory: Path, *, web_ports: list[int], https_port: int, http_port: int
) -> tuple[Path, Path]:
    """deploy/nginx/creneau.conf with its addresses, ports, certificate and log swapped for
    this run's, inside a minimal nginx.conf of our own (no path outside `directory`). Each
    replacement must find its text, so the production file cannot drift from what runs here."""
    cert, key = make_certificate(directory)
    access_log = directory / "access.log"
    site = SITE_CONF.read_text()
    replacements = [
        (
            "    server 127.0.0.1:8000;\n",
            "".join(f"    server {HOST}:{port};\n" for port in web_ports),
        ),
        ("listen 80;", f"listen {HOST}:{http_port};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen {HOST}:{https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("/etc/letsencrypt/live/creneau.example/fullchain.pem", str(cert)),
        ("/etc/letsencrypt/live/creneau.example/privkey.pem", str(key)),
        ("/var/log/nginx/creneau.access.log", str(access_log)),
        ("/var/www/acme", str(directory / "acme")),
    ]
    for old, new in replacements:
        if old not in site:
            raise SystemExit(f"scaleout: {SITE_CONF} no longer contains {old!r}")
        site = site.replace(old, new)
    (directory / "creneau.conf").write_text(site)
    temp = {
        name: directory / f"temp-{name}" for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")
    }
    main = f"""daemon off;
worker_processes 1;
pid {directory / "nginx.pid"};
error_log {directory / "error.log"} warn;
events {{
    worker_connections 512;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {directory / "creneau.conf"};
}}
"""
    (directory / "nginx.conf").write_text(main)
    return directory / "nginx.conf", access_log


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise SystemExit("scaleout: nginx not found (apt-get install nginx; .ci/run does it)")
    return found


# --- Data ---------------------------------------------------------------------------------------


def prepare_data(users: int) -> dict[str, Any]:
    """Verified customers (one per locust user) and the salons and days of the load; returns
    the plan the locust users read."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from creneau.accounts.models import User
    from creneau.catalog.models import Business

    password = secrets.token_urlsafe(16)
    hashed = make_password(password)  # once: Argon2 is slow on purpose
    customers = []
    for i in range(users):
        email = f"scaleout-customer-{i}@example.org"
        user = User.objects.create_user(email, None, first_name="Client", last_name=f"N{i}")
        user.password = hashed
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        customers.append({"email": email, "password": password})

    salons = []
    for business in Business.objects.filter(is_active=True).order_by("pk")[:SALONS]:
        services = list(
            business.services.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
        )
        if services:
            salons.append(
                {"slug": business.slug, "url": business.get_absolute_url(), "services": services}
            )
    if len(salons) < BOOKED_SALONS:
        raise SystemExit("scaleout: seed_demo made too few salons with services")
    today = timezone.localdate()
    return {
        "customers": customers,
        "browse": salons,
        "book": salons[:BOOKED_SALONS],
        "days": [(today + timedelta(days=n)).isoformat() for n in DAYS],
    }


# --- Checks -------------------------------------------------------------------------------------


class Report:
    def __init__(self) -> None:
        self.passed: list[str] = []
        self.failed: list[str] = []

    def check(self, ok: bool, what: str) -> None:
        print(f"  [{'ok' if ok else 'FAILED'}] {what}")
        (self.passed if ok else self.failed).append(what)


def overlapping_bookings() -> int:
    """Pairs of active bookings of one staff member whose blocked times overlap."""
    from django.db import connection

    from creneau.bookings.models import ACTIVE_STATUSES, Booking

    table = connection.ops.quote_name(Booking._meta.db_table)
    active = [str(status) for status in ACTIVE_STATUSES]
    marks = ", ".join(["%s"] * len(active))
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT count(*) FROM {table} a JOIN {table} b
                ON a.staff_id = b.staff_id AND a.id < b.id
                AND a.start < b.blocked_until AND b.start < a.blocked_until
                WHERE a.status IN ({marks}) AND b.status IN ({marks})""",  # noqa: S608 - our table
            [*active, *active],
        )
        return cursor.fetchone()[0]


def outbox_unsettled() -> int:
    from creneau.notifications.models import OutboundMessage

    return OutboundMessage.objects.filter(status__in=["pending", "sending"]).count()


def wait_for_outbox(processes: Processes, timeout: float) -> float:
    """Seconds the workers took to send everything left once the load stopped."""
    started = time.monotonic()
    while outbox_unsettled():
        processes.check_alive()
        if time.monotonic() - started > timeout:
            break
        time.sleep(0.5)
    return time.monotonic() - started


def locust_rows(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats))


def locust_failures(prefix: Path) -> list[dict[str, str]]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="") as failures:
        return list(csv.DictReader(failures))


# --- The run ------------------------------------------------------------------------------------


def run(*, seconds: int, users: int, keep: bool, sqlite: bool = False) -> int:
    base = Path(os.environ.get("VAR_DIR") or ROOT / "var")
    var_dir = base / "scaleout"
    var_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(var_dir / "sms", ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix="creneau-scaleout-"))
    if sqlite:
        app_url = f"sqlite:///{work / 'scaleout.sqlite3'}"
        where = f"SQLite file {work / 'scaleout.sqlite3'}"
    else:
        app_url = create_database(os.environ.get("DATABASE_URL", ""))
        where = f"PostgreSQL database {DATABASE} owned by {ROLE}"
    # nginx's workers run as nobody when we are root: they must be able to reach their files.
    work.chmod(0o711)
    nginx_dir = work / "nginx"
    nginx_dir.mkdir(mode=0o711)
    sink = SmtpSink(work / "smtp-message-ids.txt")
    web_ports = [free_port(), free_port()]
    https_port, http_port = free_port(), free_port()
    site_url = f"https://{HOST}:{https_port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "creneau.settings",
        "PYTHONUNBUFFERED": "1",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": app_url,
        "VAR_DIR": str(var_dir),
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": site_url,
        "EMAIL_URL": f"smtp://{HOST}:{sink.port}/?timeout=10",
        "LOG_LEVEL": "WARNING",
        # Each locust user books many times a minute, far above what a person does.
        "API_RATE_LIMIT_BOOKING_WRITE": "100000/m",
        # Read by the locust users.
        "SCALEOUT_PLAN": str(work / "plan.json"),
        "SCALEOUT_RESULTS": str(work / "locust-counts.json"),
    }
    os.environ.update(env)
    processes = Processes(work, env)
    manage = [sys.executable, "manage.py"]
    report = Report()
    phases: dict[str, float] = {}
    started = time.monotonic()

    def stop_on_signal(signum: int, frame: Any) -> None:
        raise SystemExit(f"scaleout: stopped by signal {signum}")

    signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        print(f"scaleout: work directory {work}; {where}")
        collecting = None
        if not static_is_fresh(var_dir / "static"):
            print("scaleout: collecting static files (compressed; about a minute)...")
            collecting = processes.start("collectstatic", [*manage, "collectstatic", "--noinput"])
        processes.run("check-deploy", [*manage, "check", "--deploy", "--fail-level", "WARNING"])
        processes.run("migrate", [*manage, "migrate", "--noinput"])
        processes.run("seed", [*manage, "seed_demo", "--salons", str(SALONS)])
        import django

        django.setup()
        plan = prepare_data(users)
        Path(env["SCALEOUT_PLAN"]).write_text(json.dumps(plan))
        if collecting is not None:
            if collecting.wait(timeout=600) != 0:
                raise SystemExit(f"scaleout: collectstatic failed, see {work}/collectstatic.log")
            processes.running = [(n, p) for n, p in processes.running if p is not collecting]
        phases["prepare"] = time.monotonic() - started

        sink.start()
        server = procfile_server()
        for i, port in enumerate(web_ports, 1):
            command = server_command(server, host=HOST, port=port, workers=1, threads=1)
            processes.start(f"web{i}", command)
        for i in (1, 2):
            processes.start(
                f"worker{i}",
                [*manage, "db_worker", "--no-reload", "--interval", "1", "--worker-id", f"w{i}"],
            )
        processes.start("clock", [*manage, "clock"])
        nginx_conf, access_log = nginx_config(
            nginx_dir, web_ports=web_ports, https_port=https_port, http_port=http_port
        )
        nginx = [nginx_binary(), "-p", str(nginx_dir), "-e", str(nginx_dir / "error.log")]
        processes.run("nginx-test", [*nginx, "-t", "-c", str(nginx_conf)])
        processes.start("nginx", [*nginx, "-c", str(nginx_conf)])
        for port in web_ports:
            wait_for(f"http://{HOST}:{port}/healthz", processes)
        wait_for(f"{site_url}/healthz", processes)
        smoke = smoke_checks(site_url, web_ports[0], plan)

        print(
            f"scaleout: locust, {users} users, {seconds} s, through nginx on {site_url} "
            f"to two {server} processes"
        )
        prefix = work / "locust"
        load_started = time.monotonic()
        load_average_before = os.getloadavg()[0]
        processes.run(
            "locust",
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "scaleout_locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                # Users finish the task they are in (a booking and its replay) before stopping.
                "--stop-timeout",
                "10",
                "--host",
                site_url,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "0",
            ],
            timeout=seconds + 120,
        )
        load_average = os.getloadavg()[0]
        phases["load"] = time.monotonic() - load_started
        processes.check_alive()
        # The clock queues messages of its own (reminders, and invitations to review the demo's
        # visits of the past week, 500 a minute): stopped first, it cannot add some just after
        # the outbox was seen empty.
        processes.stop("clock")
        drained_in = wait_for_outbox(processes, DRAIN_TIMEOUT)
        processes.stop()
        sink.stop()

        counts = Counter(json.loads(Path(env["SCALEOUT_RESULTS"]).read_text()))
        rows = locust_rows(prefix)
        failures = locust_failures(prefix)
        print_figures(rows, counts, load_average_before, load_average)
        verify(
            report,
            rows=rows,
            failures=failures,
            counts=counts,
            sink=sink,
            drained_in=drained_in,
            access_log=access_log,
            smoke=smoke,
            log_dir=work,
        )
    finally:
        processes.stop()
        sink.stop()
        if report.failed or keep or sys.exc_info()[0] is not None:
            print(f"scaleout: logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"scaleout: {time.monotonic() - started:.0f} s in all (preparation "
        f"{phases.get('prepare', 0):.0f} s, load {phases.get('load', 0):.0f} s)"
    )
    # The closing line CI reads, as a test runner's.
    print(f"scaleout: {len(report.passed)} passed, {len(report.failed)} failed")
    return 1 if report.failed or not report.passed else 0


def smoke_checks(site_url: str, web_port: int, plan: dict[str, Any]) -> dict[str, Any]:
    """A few requests before the load: the proxy headers and a path with a secret in it."""
    context = ssl._create_unverified_context()  # noqa: S323 - our throwaway certificate

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))

    def get(url: str) -> tuple[int, Any]:
        try:
            with opener.open(url, timeout=10) as response:
                return response.status, response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.headers

    page = plan["browse"][0]["url"]
    status, headers = get(site_url + page)
    direct_status, direct_headers = get(f"http://{HOST}:{web_port}{page}")
    token = secrets.token_urlsafe(24)
    get(f"{site_url}/unsubscribe/{token}/?from=scaleout")
    return {
        "proxied_status": status,
        "hsts_headers": len(headers.get_all("Strict-Transport-Security") or []),
        "direct_status": direct_status,
        "direct_location": direct_headers.get("Location", ""),
        "secret_token": token,
    }


def print_figures(
    rows: list[dict[str, str]], counts: Counter[str], load_before: float, load_after: float
) -> None:
    print(f"\n{'request':<32}{'requests':>9}{'fail':>6}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all"
        print(
            f"{name:<32}{int(row['Request Count']):>9}{int(row['Failure Count']):>6}"
            f"{float(row['Requests/s']):>8.1f}{row['50%']:>8}{row['99%']:>8}"
        )
    print(
        f"\nbookings made {counts['booked']}, slot taken (409, a right answer) "
        f"{counts['slot taken']}, same key sent again {counts['replayed']} "
        f"(same booking {counts['same key, same booking']}), cancelled {counts['cancelled']}, "
        f"no free time left {counts['no free time']}; load average {load_before:.1f} before, "
        f"{load_after:.1f} at the end (2 cores)\n"
    )


def verify(
    report: Report,
    *,
    rows: list[dict[str, str]],
    failures: list[dict[str, str]],
    counts: Counter[str],
    sink: SmtpSink,
    drained_in: float,
    access_log: Path,
    smoke: dict[str, Any],
    log_dir: Path,
) -> None:
    from creneau.bookings.models import Booking, BookingSource, BookingStatus
    from creneau.notifications.models import Channel, OutboundMessage

    print("checks:")
    server_errors = sum(
        int(f["Occurrences"])
        for f in failures
        if any(word.isdigit() and word.startswith("5") for word in f["Error"].split())
    )
    total_failures = sum(int(f["Occurrences"]) for f in failures)
    for failure in failures:
        print(f"    {failure['Occurrences']} x {failure['Name']}: {failure['Error']}")
    total = next((int(r["Request Count"]) for r in rows if r["Name"] == "Aggregated"), 0)
    report.check(server_errors == 0, f"no 5xx answer ({server_errors} of {total} requests)")
    report.check(total_failures == 0, f"no unexpected answer ({total_failures})")
    report.check(counts["booked"] > 0, f"bookings were made ({counts['booked']})")
    report.check(
        counts["same key, OTHER booking"] == 0,
        f"a booking sent again with its Idempotency-Key gave the same booking "
        f"({counts['same key, same booking']} of {counts['replayed']})",
    )

    overlaps = overlapping_bookings()
    # The database is the truth: a booking whose answer came after locust stopped counts too.
    made = Booking.objects.filter(source=BookingSource.APP)
    cancelled = made.filter(status=BookingStatus.CANCELLED_BY_CUSTOMER).count()
    report.check(
        overlaps == 0,
        f"no two active bookings of one staff member overlap ({overlaps} overlapping pairs; "
        f"{made.count()} bookings made, {cancelled} of them cancelled)",
    )

    emails = OutboundMessage.objects.filter(channel=Channel.EMAIL)
    unsettled = emails.exclude(status="sent").count()
    report.check(
        unsettled == 0,
        f"the workers sent every e-mail ({emails.count()}) within {DRAIN_TIMEOUT:.0f} s of the "
        f"end of the load ({drained_in:.1f} s; not sent: {unsettled})",
    )
    received = sink.received()
    expected = dict(emails.values_list("message_id", "template"))
    confirmations = [mid for mid, template in expected.items() if template == "booking_confirmed"]
    once = [mid for mid in confirmations if received[mid] == 1]
    report.check(
        len(confirmations) == made.count() and len(once) == len(confirmations),
        f"each booking has its confirmation, delivered exactly once ({len(once)} of "
        f"{len(confirmations)} confirmations, {made.count()} bookings)",
    )
    missing = [mid for mid in expected if received[mid] == 0]
    twice = [mid for mid in expected if received[mid] > 1]
    unknown = [mid for mid in received if mid not in expected]
    report.check(
        not missing and not twice and not unknown,
        f"every e-mail in the outbox reached the SMTP server exactly once ({len(expected)} "
        f"messages: {len(missing)} missing, {len(twice)} more than once, {len(unknown)} "
        "unknown to the outbox)",
    )

    logs = [
        *(log_dir / f"{name}.log" for name in ("web1", "web2", "worker1", "worker2", "clock")),
        log_dir / "nginx" / "error.log",
    ]
    troubled = [
        f"{path.name}: {line.strip()}"
        for path in logs
        if path.exists()
        for line in path.read_text(errors="replace").splitlines()
        if "Traceback" in line
        or " ERROR " in line
        or any(f"[{level}]" in line for level in ("error", "crit", "alert", "emerg"))
    ]
    for line in troubled[:10]:
        print(f"    {line}")
    report.check(
        not troubled,
        f"no error in the logs of the web processes, workers, clock and nginx ({len(troubled)})",
    )

    lines = access_log.read_text().splitlines()
    leaks = [
        line
        for line in lines
        if HOST in line or "?" in line or smoke["secret_token"] in line or "@" in line
    ]
    redacted = sum("/unsubscribe/[redacted]" in line for line in lines)
    report.check(
        bool(lines) and not leaks and redacted == 1,
        f"nginx's access log has no client address, query string or secret ({len(lines)} "
        f"lines, {len(leaks)} with one; the unsubscribe token cut off: {redacted == 1})",
    )
    report.check(
        smoke["proxied_status"] == 200 and smoke["hsts_headers"] == 1,
        f"behind nginx Django sees HTTPS: a page answers {smoke['proxied_status']}, with "
        f"{smoke['hsts_headers']} Strict-Transport-Security header",
    )
    report.check(
        smoke["direct_status"] == 301 and smoke["direct_location"].startswith("https://"),
        f"straight to a web process (no proxy header) it redirects to HTTPS "
        f"({smoke['direct_status']})",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="load duration (default 60)")
    parser.add_argument("--users", type=int, default=16, help="locust users (default 16)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the work directory (logs, CSV) even on success"
    )
    parser.add_argument(
        "--sqlite", action="store_true", help="a new SQLite file instead of PostgreSQL"
    )
    options = parser.parse_args()
    sys.exit(
        run(seconds=options.seconds, users=options.users, keep=options.keep, sqlite=options.sqlite)
    )


if __name__ == "__main__":
    main()
