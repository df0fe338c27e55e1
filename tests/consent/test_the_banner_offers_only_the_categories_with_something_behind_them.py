"""A category with nothing behind it is not offered; the cookie policy lists what the banner
offers, and the proof in the ledger records what each category turned on."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from creneau.consent.models import ConsentRecord

pytestmark = pytest.mark.django_db


def offered_in_banner(client) -> list[str]:
    html = client.get("/").content.decode()
    banner = re.search(r'<section class="consent-banner".*?</section>', html, re.S)
    return re.findall(r'id="banner-(\w+)"', banner.group(0)) if banner else []


def listed_in_cookie_policy(client) -> list[str]:
    html = client.get(reverse("privacy:cookie_policy")).content.decode()
    return re.findall(r'<tr data-category="(\w+)">', html)


def test_without_an_advertising_partner_marketing_is_not_offered(client, settings):
    settings.ANALYTICS_GOOGLE_TAG_ID = ""
    settings.MARKETING_META_PIXEL_ID = ""
    assert offered_in_banner(client) == ["necessary", "analytics", "personalisation"]
    assert listed_in_cookie_policy(client) == offered_in_banner(client)


def test_with_an_advertising_partner_marketing_is_offered_and_names_it(client, settings):
    settings.MARKETING_META_PIXEL_ID = "1234567890"
    assert offered_in_banner(client) == ["necessary", "analytics", "personalisation", "marketing"]
    assert listed_in_cookie_policy(client) == offered_in_banner(client)
    html = client.get(reverse("privacy:cookie_policy")).content.decode()
    assert "Meta Platforms Ireland Limited (Meta pixel)" in html


def test_without_audience_measurement_analytics_is_not_offered(client, settings):
    settings.AUDIENCE_MEASUREMENT_ENABLED = False
    assert "analytics" not in offered_in_banner(client)
    assert listed_in_cookie_policy(client) == offered_in_banner(client)


def test_accept_all_grants_only_what_was_offered_and_the_proof_records_what_was_behind(
    client, settings
):
    settings.ANALYTICS_GOOGLE_TAG_ID = ""
    settings.MARKETING_META_PIXEL_ID = ""
    client.post(reverse("privacy:consent_save"), {"choice": "accept_all"})
    record = ConsentRecord.objects.get()
    assert record.marketing is False and record.analytics and record.personalisation
    shown = {c["key"]: c["behind"] for c in record.banner.content["categories"]}
    assert set(shown) == {"necessary", "analytics", "personalisation"}
    assert all(shown.values())


def test_a_partner_configured_later_asks_again_those_who_could_not_choose_marketing(
    client, settings
):
    settings.ANALYTICS_GOOGLE_TAG_ID = ""
    settings.MARKETING_META_PIXEL_ID = ""
    client.post(reverse("privacy:consent_save"), {"choice": "refuse_all"})
    assert offered_in_banner(client) == []
    settings.MARKETING_META_PIXEL_ID = "1234567890"
    assert "marketing" in offered_in_banner(client)
