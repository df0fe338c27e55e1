"""A real SMTP server on loopback (aiosmtpd), and real workers (`manage.py db_worker`) started
as subprocesses against the test database.

Nothing of ours is replaced: tests that need the worker switch the task backend back to the
database queue and start the real command; "the SMTP server is down" is a port nobody listens
on (connection refused).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """An aiosmtpd handler that keeps every message it accepts, parsed.

    `hold` makes the first message of a session wait, either at RCPT (the server has nothing
    yet) or after DATA (the server has the whole message but has not answered), until
    `release()`: the moment to kill a worker "in the middle of a delivery".
    """

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.hold: str | None = None
        self.holding = threading.Event()
        self._released = threading.Event()
        self._lock = threading.Lock()

    def release(self) -> None:
        self._released.set()

    async def _wait_if_held(self, stage: str) -> None:
        if self.hold != stage or self.holding.is_set():
            return
        self.holding.set()
        while not self._released.is_set():
            await asyncio.sleep(0.05)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await self._wait_if_held("rcpt")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        await self._wait_if_held("data")
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter[str]:
        with self._lock:
            return Counter(str(message["Message-ID"]) for message in self.messages)

    def wait_for(self, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return
            time.sleep(0.05)
        raise AssertionError(f"{len(self.messages)} messages arrived, {count} expected")


class SmtpServer:
    """A local SMTP server that can be down (nothing listening on its port) or up."""

    def __init__(self) -> None:
        self.port = free_port()
        self.recorder = Recorder()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """The SMTP server, not started yet; Django in this process sends to it."""
    server = SmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server) -> SmtpServer:
    """The SMTP server, up."""
    smtp_server.start()
    return smtp_server


def database_url_for_subprocesses() -> str:
    """A DATABASE_URL for the database this test runs on, for subprocesses."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    user = quote(params.get("USER") or "")
    password = quote(params.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return (
        f"postgres://{auth}{params.get('HOST') or ''}:{params.get('PORT') or 5432}/{params['NAME']}"
    )


class Processes:
    """Management commands of this project run as real processes on the test database."""

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        self.tmp_path = tmp_path
        self.env = env
        self.running: list[subprocess.Popen[bytes]] = []

    def _command(self, *args: str) -> list[str]:
        return [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]

    def start_worker(self, name: str = "worker") -> subprocess.Popen[bytes]:
        log = (self.tmp_path / f"{name}.log").open("ab")
        process = subprocess.Popen(
            self._command(
                "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", "-v", "2"
            ),
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.running.append(process)
        return process

    def run(self, *args: str) -> str:
        result = subprocess.run(
            self._command(*args), env=self.env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill(process)

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.tmp_path.glob("*.log")))


@pytest.fixture
def processes(settings, smtp_server, tmp_path) -> Iterator[Processes]:
    """Start workers and commands on the test database, sending to `smtp_server`, with retries
    a second apart. The tasks enqueued by this test process go to the database queue, where
    those workers find them. Change `processes.env` before starting a process to adjust."""
    settings.TASKS = DATABASE_TASKS
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_subprocesses(),
        "VAR_DIR": str(settings.VAR_DIR),
        "EMAIL_URL": f"{smtp_server.url}/?timeout=5",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "NOTIFICATIONS_RETRY_BASE_SECONDS": "1",
        "NOTIFICATIONS_RETRY_MAX_SECONDS": "1",
        "NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS": "60",
        "NOTIFICATIONS_SWEEP_AFTER_SECONDS": "0",
        "SQLITE_NO_PERSISTENT": "true",
        "LOG_LEVEL": "INFO",
    }
    runner = Processes(tmp_path, env)
    yield runner
    runner.stop_all()


def wait_until(condition: Callable[[], bool], timeout: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what or condition}")
