"""A logged-in customer's choice follows their account to their other devices."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from creneau.consent.models import ConsentRecord
from creneau.consent.selectors import consents_of_user

pytestmark = pytest.mark.django_db


def choose(client, choice, categories=(), source="banner"):
    return client.post(
        reverse("privacy:consent_save"),
        {"choice": choice, "categories": list(categories), "next": "/", "source": source},
    )


def has_banner(client) -> bool:
    return 'class="consent-banner"' in client.get("/").content.decode()


def test_a_choice_made_logged_in_applies_on_another_device_after_login(customer, settings):
    phone, laptop = Client(), Client()
    phone.force_login(customer)
    choose(phone, "save", ["personalisation"])
    assert ConsentRecord.objects.get().user == customer

    laptop.force_login(customer)
    response = laptop.get("/")
    assert 'class="consent-banner"' not in response.content.decode()
    assert settings.CONSENT_COOKIE_NAME in response.cookies
    settings_page = laptop.get(reverse("privacy:consent_settings"))
    assert settings_page.context["consent"].granted == {"personalisation"}


def test_the_account_is_read_once_per_login_not_on_every_request(customer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    phone, laptop = Client(), Client()
    phone.force_login(customer)
    choose(phone, "accept_all")
    laptop.force_login(customer)
    with CaptureQueriesContext(connection) as first:
        laptop.get("/")
    with CaptureQueriesContext(connection) as second:
        laptop.get(reverse("privacy:legal_notice"))
    assert any("privacy_consentrecord" in q["sql"] for q in first.captured_queries)
    assert not any("privacy_consent" in q["sql"] for q in second.captured_queries)


def test_a_more_recent_choice_of_this_device_is_kept_at_login(customer):
    phone, laptop = Client(), Client()
    phone.force_login(customer)
    choose(phone, "accept_all")
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        choose(laptop, "refuse_all")  # logged out, later
        laptop.force_login(customer)
        laptop.get("/")
        page = laptop.get(reverse("privacy:consent_settings"))
    assert page.context["consent"].granted == frozenset()


def test_a_choice_made_logged_out_is_not_given_to_the_account(customer):
    shared = Client()
    choose(shared, "accept_all")  # maybe someone else, on a shared computer
    shared.force_login(customer)
    shared.get("/")
    assert consents_of_user(customer).count() == 0
    assert ConsentRecord.objects.get().user is None


def test_an_expired_account_choice_is_not_applied(customer):
    phone, laptop = Client(), Client()
    phone.force_login(customer)
    choose(phone, "accept_all")
    with time_machine.travel(timezone.now() + timedelta(days=200)):
        laptop.force_login(customer)
        assert has_banner(laptop)


def test_the_settings_page_lists_the_choices_kept_with_the_account(customer, settings):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(customer)
    choose(client, "accept_all")
    choose(client, "refuse_all", source="settings")
    html = client.get(reverse("privacy:consent_settings")).content.decode()
    assert "Choices recorded with your account" in html
    assert "cookie settings page" in html and "cookie banner" in html


def test_consents_of_user_gives_the_history_newest_first_for_my_data_and_the_export(
    customer, other_customer
):
    mine, theirs = Client(), Client()
    mine.force_login(customer)
    theirs.force_login(other_customer)
    choose(mine, "accept_all")
    choose(theirs, "accept_all")
    choose(mine, "save", ["analytics"], source="settings")
    records = list(consents_of_user(customer))
    assert [r.source for r in records] == ["settings", "banner"]
    assert records[0].granted == ("necessary", "analytics")
    assert records[0].refused == ("personalisation", "marketing")
    assert records[0].banner.content["policy_version"] == records[0].policy_version
