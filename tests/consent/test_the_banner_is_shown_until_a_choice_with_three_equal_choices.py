"""The cookie banner, server side: shown until a choice is made, on every page, equal choices."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def choose(client, choice, categories=(), next_url="/"):
    return client.post(
        reverse("privacy:consent_save"),
        {"choice": choice, "categories": list(categories), "next": next_url, "source": "banner"},
    )


def banner(html: str) -> str:
    match = re.search(r'<section class="consent-banner".*?</section>', html, re.S)
    return match.group(0) if match else ""


@pytest.mark.usefixtures("an_advertising_partner")
def test_a_first_visit_shows_the_banner_with_three_choices_and_four_categories(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = banner(client.get("/").content.decode())
    assert html
    assert 'name="accept_all"' in html and 'name="refuse_all"' in html
    assert "<details" in html and "Customise" in html
    for name in ("Necessary", "Performance and analytics", "Personalisation", "Marketing"):
        assert name in html
    assert settings.CONSENT_COOKIE_NAME in html and settings.CSRF_COOKIE_NAME in html


def test_accept_all_and_refuse_all_look_exactly_alike(client):
    html = banner(client.get("/").content.decode())
    accept = re.search(r'<button([^>]*)name="accept_all"([^>]*)>', html).groups()
    refuse = re.search(r'<button([^>]*)name="refuse_all"([^>]*)>', html).groups()
    assert accept == refuse


@pytest.mark.usefixtures("an_advertising_partner")
def test_no_optional_category_is_ticked_in_the_banner(client):
    html = banner(client.get("/").content.decode())
    boxes = re.findall(r'<input type="checkbox"[^>]*>', html)
    assert len(boxes) == 4
    optional = [box for box in boxes if 'name="categories"' in box]
    assert len(optional) == 3
    assert not any("checked" in box for box in optional)
    necessary = [box for box in boxes if "disabled" in box]
    assert len(necessary) == 1 and "checked" in necessary[0]


def test_the_banner_comes_early_in_the_page_just_after_the_skip_link(client):
    html = client.get("/").content.decode()
    assert html.index("skip-link") < html.index("consent-banner") < html.index("site-header")


def test_a_first_visit_sets_no_cookie_but_the_csrf_one(client, settings):
    response = client.get("/")
    assert set(response.cookies) <= {settings.CSRF_COOKIE_NAME}


def test_browsing_without_choosing_is_not_consent(client, settings):
    for url in ("/", reverse("privacy:cookie_policy"), "/", reverse("privacy:legal_notice")):
        response = client.get(url)
        assert banner(response.content.decode()), url
        assert settings.CONSENT_COOKIE_NAME not in response.cookies
    from creneau.consent.models import ConsentRecord, PageView

    assert not ConsentRecord.objects.exists()
    assert not PageView.objects.exists()


def test_the_banner_is_gone_once_a_choice_is_made_and_comes_back_nowhere(client):
    choose(client, "refuse_all")
    for url in ("/", reverse("privacy:cookie_policy"), reverse("privacy:privacy_policy")):
        assert not banner(client.get(url).content.decode()), url


def test_a_page_showing_the_banner_is_not_kept_by_the_browser_cache(client):
    response = client.get("/")
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    choose(client, "accept_all")
    assert "no-store" not in client.get("/")["Cache-Control"]


def test_every_footer_links_to_the_cookie_settings_page(client):
    url = reverse("privacy:consent_settings")
    for page in ("/", reverse("privacy:legal_notice"), reverse("account_login")):
        assert f'href="{url}"' in client.get(page).content.decode(), page
