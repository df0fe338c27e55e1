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


ENGINE_MARKERS = ("postgresql", "sqlite")


def pytest_collection_modifyitems(config, items):
    """A test marked `postgresql` or `sqlite` is about that engine: it is collected only when the
    suite runs on it (`make test-pg`, `make test-sqlite`) and deselected otherwise, not skipped."""
    from django.db import connections

    vendor = connections["default"].vendor
    kept, deselected = [], []
    for item in items:
        engines = {mark.name for mark in item.iter_markers() if mark.name in ENGINE_MARKERS}
        (deselected if engines and vendor not in engines else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    # Uploaded and generated files (photos) go to the test's own folder, never to var/.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Argon2 is the production hasher; tests use a cheap one (as healthchecks and pretix do).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.ACCOUNT_RATE_LIMITS = False
    # Rendered pages are kept per process (web.page_cache); ids are reused between tests, so
    # each test starts with none kept.
    from django.core.cache import caches

    caches["pages"].clear()


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


# --- A salon to book at --------------------------------------------------------------------------
# "Salon Test" in Paris: three hairdressers, Monday to Saturday 09:00-12:00 and 13:00-18:00,
# 15-minute slots, one hour of notice, 60 days ahead, cancellation up to 24 h before.


@pytest.fixture
def salon(db):
    from datetime import time

    from creneau.catalog.models import Business, Service, StaffMember, WorkingHours

    business = Business.objects.create(
        name="Salon Test",
        slug="salon-test",
        category="hair",
        address="1 rue du Test",
        postcode="75011",
        city="Paris",
        city_slug="paris",
        timezone="Europe/Paris",
        slot_step_minutes=15,
        min_notice_minutes=60,
        horizon_days=60,
        cancellation_deadline_hours=24,
    )
    staff = [
        StaffMember.objects.create(business=business, display_name=name, position=i)
        for i, name in enumerate(["Alice", "Bruno", "Chloé"])
    ]
    WorkingHours.objects.bulk_create(
        WorkingHours(staff=member, weekday=day, start=start, end=end)
        for member in staff
        for day in range(6)
        for start, end in ((time(9), time(12)), (time(13), time(18)))
    )
    cut = Service.objects.create(
        business=business, name="Coupe", duration_minutes=30, buffer_minutes=10, price="35.00"
    )
    colour = Service.objects.create(
        business=business, name="Couleur", duration_minutes=60, buffer_minutes=0, price="60.00"
    )
    for service in (cut, colour):
        service.staff.set(staff)
    business.test_staff = staff
    business.test_services = {"cut": cut, "colour": colour}
    return business


def paris(year: int, month: int, day: int, hour: int, minute: int = 0):
    """An aware datetime, Paris wall-clock time."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/Paris"))
