"""Two real web processes on one database: the failed-login limit is counted once for both,
on the site and in the app (the counters live in the shared database cache)."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from bench.servers import HOST, ROOT, free_port, server_command

pytestmark = pytest.mark.sqlite  # the servers use their own SQLite file, whatever the suite's

EMAIL = "race.owner@example.org"
PASSWORD = "correct-horse-battery-staple-42"


def _env(tmp: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "CACHE_", "LOGIN_LIMIT_", "DJANGO_"))
    }
    env.update(
        {
            "VAR_DIR": str(tmp),
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "DEBUG": "true",
            "SECRET_KEY": "two-processes-test",
            "EMAIL_URL": f"file:///{tmp / 'mail'}",
            "DJANGO_SETTINGS_MODULE": "creneau.settings",
        }
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two-servers")
    env = _env(tmp)
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(
        env,
        "shell",
        "-c",
        "from creneau.accounts.models import User;"
        "from allauth.account.models import EmailAddress;"
        f"u = User.objects.create_user('{EMAIL}', '{PASSWORD}', first_name='Claire',"
        " last_name='Race', phone='+33612345678');"
        "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)",
    )
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            server_command("gunicorn", host=HOST, port=port, workers=1, threads=1),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
        yield env, [f"http://{HOST}:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def _request(url: str, data: bytes | None = None, headers: dict | None = None):
    # Only ever our own servers on the loopback address.
    assert url.startswith(f"http://{HOST}:")
    return urllib.request.Request(url, data, headers or {})  # noqa: S310


def _send(opener, request) -> tuple[int, dict[str, str], bytes]:
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def servers(two_servers):
    """The two servers' addresses, with every counter at zero (allauth's limit on all login
    attempts per client, 30 a minute, would otherwise carry over from the other test)."""
    env, addresses = two_servers
    _manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    return addresses


def test_the_app_login_limit_is_shared_by_both_processes(servers):
    opener = urllib.request.build_opener()
    statuses, retry_after = [], []
    body = json.dumps({"email": EMAIL, "password": "wrong-password-1"}).encode()
    for attempt in range(30):
        base = servers[attempt % 2]
        request = _request(
            f"{base}/_allauth/app/v1/auth/login",
            body,
            {"Content-Type": "application/json"},
        )
        status, headers, _body = _send(opener, request)
        statuses.append(status)
        retry_after.append(headers.get("Retry-After"))
    assert statuses[:5] == [400] * 5, statuses
    assert set(statuses[5:]) == {429}, statuses
    assert all(value and int(value) > 0 for value in retry_after[5:])


def test_the_site_login_limit_is_shared_by_both_processes(servers):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    address = EMAIL
    statuses, retry_after = [], []
    for attempt in range(30):
        base = servers[attempt % 2]
        _status, _headers, page = _send(opener, _request(f"{base}/accounts/login/"))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        form = urllib.parse.urlencode(
            {
                "login": address,
                "password": "wrong-password-1",
                "csrfmiddlewaretoken": token.group(1).decode(),
            }
        ).encode()
        request = _request(f"{base}/accounts/login/", form, {"Referer": f"{base}/accounts/login/"})
        status, headers, _body = _send(opener, request)
        statuses.append(status)
        retry_after.append(headers.get("Retry-After"))
    assert statuses[:5] == [200] * 5, statuses
    assert set(statuses[5:]) == {429}, statuses
    assert all(value and int(value) > 0 for value in retry_after[5:])
