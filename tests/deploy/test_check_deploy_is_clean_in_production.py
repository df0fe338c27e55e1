"""`manage.py check --deploy` in a fresh process started as production starts: our checks are
registered, run, and find nothing; Django's own deploy checks find nothing either."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUR_ID = re.compile(r"creneau\.[EW]\d{3}")


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        {
            "VAR_DIR": str(tmp_path),
            "DEBUG": "false",
            "SECRET_KEY": "production-like-secret-key-for-the-deploy-checks-" + "k" * 30,
            "ALLOWED_HOSTS": "creneau.example",
            "SITE_URL": "https://creneau.example",
            # settings.py's SQLite branch, whatever database this test run uses.
            "DATABASE_URL": f"sqlite:///{tmp_path / 'creneau.sqlite3'}",
        }
    )
    env.update(overrides)
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_every_deploy_check(tmp_path):
    result = check_deploy(production_env(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert not OUR_ID.search(result.stdout + result.stderr)


def test_our_checks_run_in_a_real_start(tmp_path):
    # DEBUG on gives development cookie names: our check must say so, under --deploy only.
    env = production_env(tmp_path, DEBUG="true")

    result = check_deploy(env)
    plain = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 1
    assert sorted(set(OUR_ID.findall(result.stderr))) == ["creneau.E001"]
    assert plain.returncode == 0, plain.stderr
    assert not OUR_ID.search(plain.stdout + plain.stderr)


def test_the_bench_server_has_only_the_https_warnings_it_chose(tmp_path):
    # bench/http_bench.py serves plain HTTP on loopback: no HTTPS redirect, no HSTS, on purpose.
    env = production_env(
        tmp_path,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
    )

    result = check_deploy(env)

    found = set(re.findall(r"\(([\w.]+\.[EW]\d{3})\)", result.stdout + result.stderr))
    assert found == {"security.W004", "security.W008"}


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = check_deploy(production_env(tmp_path, SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_a_malformed_boolean_stops_the_start_with_a_message(tmp_path):
    result = check_deploy(production_env(tmp_path, DEBUG="maybe"))
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
