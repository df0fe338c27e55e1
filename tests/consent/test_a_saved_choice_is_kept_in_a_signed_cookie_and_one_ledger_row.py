"""Saving a choice: the cookie that keeps it, one ledger row, and the way back."""

from __future__ import annotations

import pytest
from django.core import signing
from django.urls import reverse

from creneau.consent.cookies import CONSENT_SALT
from creneau.consent.models import ConsentRecord

pytestmark = pytest.mark.django_db


def choose(client, choice, categories=(), next_url="/", source="banner"):
    return client.post(
        reverse("privacy:consent_save"),
        {"choice": choice, "categories": list(categories), "next": next_url, "source": source},
    )


@pytest.mark.usefixtures("an_advertising_partner")
def test_accept_all_grants_every_category_and_keeps_it_in_a_signed_httponly_cookie(
    client, settings
):
    response = choose(client, "accept_all", next_url="/cookies/")
    assert response.status_code == 302 and response.url == "/cookies/"
    cookie = response.cookies[settings.CONSENT_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    # 13 months are never shorter than 393 days (February + 12 months).
    assert 0 < int(cookie["max-age"]) <= 393 * 24 * 3600
    payload = signing.loads(cookie.value, salt=CONSENT_SALT)
    assert payload["g"] == ["analytics", "marketing", "personalisation"]
    record = ConsentRecord.objects.get()
    assert (record.analytics, record.personalisation, record.marketing) == (True, True, True)
    assert record.source == "banner" and record.user is None


def test_refuse_all_grants_nothing(client):
    choose(client, "refuse_all")
    record = ConsentRecord.objects.get()
    assert record.granted == ("necessary",)
    assert record.refused == ("analytics", "personalisation", "marketing")


def test_save_keeps_exactly_the_ticked_categories(client):
    choose(client, "save", ["personalisation"])
    record = ConsentRecord.objects.get()
    assert record.granted == ("necessary", "personalisation")


def test_save_with_nothing_ticked_is_a_refusal(client):
    choose(client, "save", [])
    assert ConsentRecord.objects.get().refused == ("analytics", "personalisation", "marketing")


def test_the_cookie_is_secure_outside_debug(client, settings):
    settings.CONSENT_COOKIE_SECURE = True
    assert choose(client, "refuse_all").cookies[settings.CONSENT_COOKIE_NAME]["secure"]


def test_production_names_the_cookie_with_the_host_prefix_and_makes_it_secure(tmp_path):
    import os
    import subprocess
    import sys

    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.CONSENT_COOKIE_NAME, s.CONSENT_COOKIE_SECURE, s.SEARCH_PREFERENCES_COOKIE_NAME)"
    )
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "creneau.example",
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "creneau.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["__Host-cookie_consent", "True", "__Host-search_prefs"]


def test_each_choice_appends_one_row_with_the_same_pseudonymous_id(client):
    choose(client, "accept_all")
    choose(client, "refuse_all", source="settings")
    choose(client, "save", ["analytics"], source="settings")
    records = list(ConsentRecord.objects.order_by("id"))
    assert len(records) == 3
    assert len({r.consent_id for r in records}) == 1
    assert [r.source for r in records] == ["banner", "settings", "settings"]


def test_two_browsers_get_two_consent_ids(client):
    from django.test import Client

    choose(client, "accept_all")
    choose(Client(), "accept_all")
    assert ConsentRecord.objects.values("consent_id").distinct().count() == 2


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)", ""]
)
def test_it_only_goes_back_to_a_page_of_ours(client, target):
    response = choose(client, "refuse_all", next_url=target)
    assert response.url == reverse("web:home")


def test_a_malformed_choice_records_nothing_and_sends_to_the_settings_page(client):
    response = client.post(reverse("privacy:consent_save"), {"choice": "accept_some"})
    assert response.url == reverse("privacy:consent_settings")
    assert not ConsentRecord.objects.exists()
    forged = client.post(
        reverse("privacy:consent_save"), {"choice": "save", "categories": ["necessary", "spy"]}
    )
    assert forged.url == reverse("privacy:consent_settings")
    assert not ConsentRecord.objects.exists()


def test_the_choice_cannot_be_saved_with_a_get(client):
    assert client.get(reverse("privacy:consent_save") + "?choice=accept_all").status_code == 405
    assert not ConsentRecord.objects.exists()


def test_the_choice_needs_the_csrf_token(settings):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("privacy:consent_save"), {"choice": "accept_all"})
    assert response.status_code == 403
    assert not ConsentRecord.objects.exists()


def test_a_confirmation_is_shown_after_saving(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = choose(client, "refuse_all")
    page = client.get(response.url)
    assert "Your cookie choices have been saved." in page.content.decode()


def test_the_cookie_holds_the_choice_and_nothing_about_the_person(client, settings):
    value = choose(client, "accept_all").cookies[settings.CONSENT_COOKIE_NAME].value
    payload = signing.loads(value, salt=CONSENT_SALT)
    # consent id, policy version, categories granted, time, vendors shown
    assert set(payload) == {"i", "v", "g", "t", "s"}


def test_the_pressed_button_is_the_choice_as_a_browser_sends_it(client):
    client.post(reverse("privacy:consent_save"), {"refuse_all": ""})
    client.post(reverse("privacy:consent_save"), {"save": "", "categories": ["analytics"]})
    records = list(ConsentRecord.objects.order_by("id"))
    assert [r.granted for r in records] == [("necessary",), ("necessary", "analytics")]


def test_two_buttons_at_once_are_no_choice(client):
    client.post(reverse("privacy:consent_save"), {"accept_all": "", "refuse_all": ""})
    assert not ConsentRecord.objects.exists()
