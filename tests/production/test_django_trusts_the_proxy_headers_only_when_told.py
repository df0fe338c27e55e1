"""Behind nginx (TRUSTED_PROXY_COUNT=1, the default when DEBUG is off) Django takes the scheme
from X-Forwarded-Proto and allauth the client's address from the last X-Forwarded-For entry,
which the proxy appended; with 0 neither header is believed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "production-like-secret-key-for-the-proxy-test-0123456789abcdefghij",
    "ALLOWED_HOSTS": "creneau.example",
    "SITE_URL": "https://creneau.example",
    "DJANGO_SETTINGS_MODULE": "creneau.settings",
}
# What a request through the proxy looks like to Django: the client wrote its own
# X-Forwarded-For, the proxy appended the address it saw.
SCRIPT = """
import json, django
django.setup()
from django.test import RequestFactory
from allauth.core.internal.httpkit import get_client_ip
request = RequestFactory().get(
    "/", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
    REMOTE_ADDR="127.0.0.1", SERVER_NAME="creneau.example",
)
print(json.dumps({"secure": request.is_secure(), "client": get_client_ip(request)}))
"""


def seen_by_django(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **PRODUCTION, "VAR_DIR": str(tmp_path), **overrides}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_behind_one_proxy_the_scheme_and_the_address_come_from_the_proxy(tmp_path):
    result = seen_by_django(tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"secure": True, "client": "198.51.100.7"}


def test_without_a_trusted_proxy_neither_header_is_believed(tmp_path):
    result = seen_by_django(tmp_path, TRUSTED_PROXY_COUNT="0")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"secure": False, "client": "127.0.0.1"}


def test_a_negative_proxy_count_stops_the_start(tmp_path):
    result = seen_by_django(tmp_path, TRUSTED_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in result.stderr
