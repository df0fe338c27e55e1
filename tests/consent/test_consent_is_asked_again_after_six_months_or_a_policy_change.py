"""Consent is asked again after six months, when the policy version changes, and when a
marketing partner is added; the cookie itself never outlives thirteen months."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from creneau.consent import policy
from creneau.consent.models import ConsentRecord, PageView

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def choose(client, choice, categories=()):
    return client.post(
        reverse("privacy:consent_save"),
        {"choice": choice, "categories": list(categories), "next": "/"},
    )


def has_banner(client) -> bool:
    return 'class="consent-banner"' in client.get("/").content.decode()


def test_the_banner_comes_back_after_six_months_and_nothing_optional_runs_meanwhile(client):
    with time_machine.travel(START, tick=False):
        choose(client, "accept_all")
    with time_machine.travel(START + timedelta(days=181), tick=False):
        assert not has_banner(client)
    views = PageView.objects.count()
    with time_machine.travel(START + timedelta(days=183), tick=False):
        assert has_banner(client)
        assert PageView.objects.count() == views  # analytics no longer counted
        choose(client, "refuse_all")
        assert not has_banner(client)
    assert ConsentRecord.objects.count() == 2


def test_the_banner_comes_back_when_the_policy_version_changes(client, monkeypatch):
    choose(client, "accept_all")
    assert not has_banner(client)
    monkeypatch.setattr(policy, "POLICY_VERSION", "2099-01-01")  # a new policy is deployed
    assert has_banner(client)
    choose(client, "accept_all")
    assert not has_banner(client)
    versions = list(ConsentRecord.objects.values_list("policy_version", flat=True))
    assert versions[-1] == "2099-01-01" and versions[0] != "2099-01-01"


@pytest.mark.usefixtures("an_advertising_partner")
def test_a_new_marketing_partner_is_asked_for_only_from_those_who_accepted_marketing(
    client, settings
):
    from django.test import Client

    refuser = Client()
    choose(client, "accept_all")
    choose(refuser, "refuse_all")
    settings.MARKETING_META_PIXEL_ID = "1234567890"
    assert has_banner(client)
    assert not has_banner(refuser)


def test_the_cookie_is_no_longer_read_after_thirteen_months(client, settings):
    with time_machine.travel(START, tick=False):
        choose(client, "accept_all")
    from creneau.consent.cookies import consent_from_cookie

    value = client.cookies[settings.CONSENT_COOKIE_NAME].value
    with time_machine.travel(START + timedelta(days=389), tick=False):
        assert consent_from_cookie(value) is not None
    with time_machine.travel(START + timedelta(days=391), tick=False):
        assert consent_from_cookie(value) is None
