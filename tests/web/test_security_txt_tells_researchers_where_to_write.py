"""/.well-known/security.txt (RFC 9116): contact, expiry, languages, canonical address and policy,
as plain text, from the settings."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
URL = "/.well-known/security.txt"
NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://rdv.salonnet.example"
    settings.SECURITY_CONTACT = "securite@salonnet.example"


def fields(response) -> dict[str, str]:
    lines = response.content.decode().splitlines()
    return dict(line.split(": ", 1) for line in lines if line and not line.startswith("#"))


def test_it_is_plain_text_with_every_field(client, site):
    with time_machine.travel(NOW, tick=False):
        response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fields(response) == {
        "Contact": "mailto:securite@salonnet.example",
        "Expires": "2027-06-05T09:30:00Z",
        "Preferred-Languages": "fr, en",
        "Canonical": "https://rdv.salonnet.example/.well-known/security.txt",
        "Policy": "https://rdv.salonnet.example/security/",
    }


def test_it_expires_in_the_future_within_a_year(client, site):
    response = client.get(URL)

    expires = datetime.strptime(fields(response)["Expires"], "%Y-%m-%dT%H:%M:%SZ")
    now = datetime.now(UTC).replace(tzinfo=None)
    assert now < expires < now + timedelta(days=365)


def test_a_contact_page_is_given_as_it_is(client, site, settings):
    settings.SECURITY_CONTACT = "https://salonnet.example/securite"

    assert fields(client.get(URL))["Contact"] == "https://salonnet.example/securite"


def test_it_is_the_same_in_english(client, site, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = client.get(URL).content
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert client.get(URL).content == french


def start_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """settings.py read by a fresh process with `env`; prints SECURITY_CONTACT."""
    base = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    base.pop("SECURITY_CONTACT", None)
    base.update(VAR_DIR=str(tmp_path), DEBUG="true", DJANGO_SETTINGS_MODULE="creneau.settings")
    script = "import django; django.setup(); from django.conf import settings as s;"
    return subprocess.run(
        [sys.executable, "-c", script + "print(s.SECURITY_CONTACT)"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
    )


def test_the_contact_defaults_to_the_operators_address(tmp_path):
    result = start_settings(tmp_path, OPERATOR_EMAIL="bonjour@salonnet.example")

    assert result.stdout.strip() == "bonjour@salonnet.example", result.stderr


def test_a_contact_that_is_neither_an_address_nor_a_uri_stops_the_start(tmp_path):
    result = start_settings(tmp_path, SECURITY_CONTACT="http://salonnet.example/securite")

    assert result.returncode != 0
    assert "SECURITY_CONTACT must be an e-mail address" in result.stderr
