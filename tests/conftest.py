"""Shared fixtures: personas, settings for fast tests, and a real Chromium for browser tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls while a
# loop is running unless told that this thread is allowed to block.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _fast_settings(settings):
    # Argon2 is the production hasher; tests use a cheap one (as healthchecks and pretix do).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture
def make_user(db):
    from creneau.accounts.models import User

    def make(
        email: str = "camille.dupont@example.org",
        *,
        first_name: str = "Camille",
        last_name: str = "Dupont",
        phone: str = "+33612345678",
        verified: bool = True,
        **extra,
    ) -> User:
        from allauth.account.models import EmailAddress

        user = User.objects.create_user(
            email, PASSWORD, first_name=first_name, last_name=last_name, phone=phone, **extra
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def customer(make_user):
    return make_user()


@pytest.fixture
def other_customer(make_user):
    return make_user(
        "jean.martin@example.org", first_name="Jean", last_name="Martin", phone="+33698765432"
    )


@pytest.fixture(scope="session")
def _browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(_browser, live_server):
    """A fresh browser context (no cookies) on the live server, French by default."""
    context = _browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    pg = context.new_page()
    yield pg
    context.close()


def mail_outbox():
    from django.core import mail

    return mail.outbox
