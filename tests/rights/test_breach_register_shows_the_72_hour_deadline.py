"""The breach register (art. 33) in the admin lists each breach with its 72-hour deadline to
notify the authority, and whether that deadline has passed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from creneau.rights.models import DataBreach

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)


@pytest.fixture
def admin_client_en(make_user, settings) -> Client:
    admin = make_user("dpo@creneau.example", is_staff=True, is_superuser=True)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(admin)
    return client


def breach(known_at: datetime, **extra) -> DataBreach:
    return DataBreach.objects.create(
        summary="A salon's export was e-mailed to the wrong address.",
        data_categories="identity, contact",
        people_affected=40,
        known_at=known_at,
        **extra,
    )


def test_the_list_shows_the_deadline_and_whether_it_is_past(admin_client_en):
    breach(NOW - timedelta(hours=80))
    breach(NOW - timedelta(hours=10))
    breach(NOW - timedelta(hours=100), authority_notified_at=NOW - timedelta(hours=90))

    with time_machine.travel(NOW, tick=False):
        response = admin_client_en.get(reverse("admin:rights_databreach_changelist"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "deadline to notify the authority (72 h)" in page.lower()
    assert page.count(">past<") == 1
    assert page.count(">running<") == 1
    assert page.count(">notified<") == 1


def test_the_deadline_is_72_hours_after_we_knew():
    assert breach(NOW).authority_deadline() == NOW + timedelta(hours=72)


def test_the_register_holds_no_personal_data():
    from creneau.privacy.registry import NOT_PERSONAL, registry

    for field in DataBreach._meta.concrete_fields:
        assert registry.declaration("rights.databreach", field.name) is NOT_PERSONAL
