"""`manage.py check --deploy` is clean with production-like settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "-production-like-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "creneau.example",
    "SITE_URL": "https://creneau.example",
}


def run(env_overrides: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env_overrides, "VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # Set by the browser-test fixtures, never in production.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_gives_no_warning_with_production_settings(tmp_path):
    result = run(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run({**PRODUCTION, "SECRET_KEY": ""}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_a_malformed_boolean_stops_the_start_with_a_message(tmp_path):
    result = run({**PRODUCTION, "DEBUG": "maybe"}, tmp_path)
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_production_cookies_use_the_host_prefix_and_are_secure(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    env = {**os.environ, **PRODUCTION, "VAR_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "creneau.settings"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "True", "True", "True"]
