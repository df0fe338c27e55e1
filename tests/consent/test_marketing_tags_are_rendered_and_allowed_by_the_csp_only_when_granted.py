"""The operator's marketing tags: rendered, and allowed by the CSP, only when granted."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

pytestmark = pytest.mark.django_db

GOOGLE = "https://www.googletagmanager.com"
META = "https://connect.facebook.net"


@pytest.fixture
def tags(settings):
    settings.ANALYTICS_GOOGLE_TAG_ID = "G-TEST1234"
    settings.MARKETING_META_PIXEL_ID = "1234567890"


def choose(client, choice, categories=()):
    client.post(reverse("privacy:consent_save"), {"choice": choice, "categories": list(categories)})


def csp(response) -> str:
    return response["Content-Security-Policy"]


def test_no_tag_is_rendered_while_none_is_configured(client):
    choose(client, "accept_all")
    response = client.get("/")
    html = response.content.decode()
    assert "googletagmanager" not in html and "fbevents" not in html
    assert GOOGLE not in csp(response) and META not in csp(response)


@pytest.mark.parametrize(
    ("choice", "categories"),
    [(None, ()), ("refuse_all", ()), ("save", ("analytics", "personalisation"))],
)
def test_without_marketing_no_tag_and_no_third_party_in_the_policy(
    client, tags, choice, categories
):
    if choice:
        choose(client, choice, categories)
    response = client.get("/")
    html = response.content.decode()
    assert "googletagmanager" not in html and "facebook" not in html
    assert "G-TEST1234" not in html and "1234567890" not in html
    assert GOOGLE not in csp(response) and META not in csp(response)


def test_with_marketing_the_tags_carry_the_nonce_of_the_policy(client, tags):
    choose(client, "save", ["marketing"])
    response = client.get("/")
    html = response.content.decode()
    policy = csp(response)
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    scripts = re.findall(r"<script[^>]*>", html)
    assert f'src="{GOOGLE}/gtag/js?id=G-TEST1234"' in html
    assert f'src="{META}/en_US/fbevents.js"' in html
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert GOOGLE in script_src and META in script_src
    assert "https://www.facebook.com" in re.search(r"img-src ([^;]+)", policy).group(1)


def test_the_policy_never_allows_inline_code_without_a_nonce(client, tags):
    for choice in ("refuse_all", "accept_all"):
        choose(client, choice)
        policy = csp(client.get("/"))
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert re.search(r"style-src 'self'(;|$)", policy)


def test_a_malformed_tag_id_stops_the_start(monkeypatch):
    from creneau.settings import env_pattern

    monkeypatch.setenv("ANALYTICS_GOOGLE_TAG_ID", 'G-1234"><script>')
    with pytest.raises(ImproperlyConfigured, match="ANALYTICS_GOOGLE_TAG_ID"):
        env_pattern("ANALYTICS_GOOGLE_TAG_ID", r"(G|AW|GT|DC)-[A-Z0-9]{4,20}")
    monkeypatch.setenv("ANALYTICS_GOOGLE_TAG_ID", "G-ABCD1234")
    assert env_pattern("ANALYTICS_GOOGLE_TAG_ID", r"(G|AW|GT|DC)-[A-Z0-9]{4,20}") == "G-ABCD1234"


def test_the_banner_names_the_configured_partners_and_their_cookies(client, settings, tags):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert "Google Ireland Limited" in html and "Meta Platforms Ireland Limited" in html
    assert "_fbp" in html and "_gcl_au" in html


def test_refusing_marketing_later_expires_the_partners_cookies(client, tags):
    choose(client, "accept_all")
    client.cookies["_fbp"] = "fb.1.123"
    client.cookies["_ga"] = "GA1.1.123"
    response = client.post(reverse("privacy:consent_save"), {"choice": "refuse_all"})
    for name in ("_fbp", "_ga"):
        assert response.cookies[name]["max-age"] == 0
