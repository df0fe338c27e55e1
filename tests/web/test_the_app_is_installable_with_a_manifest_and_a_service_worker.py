"""The site is an installable app: every page links a valid web app manifest (name, start at
"/", standalone, theme colour, icons in several sizes including maskable ones) and loads the
script that registers the service worker, served from the root with the right headers."""

from __future__ import annotations

import json

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_every_page_links_the_manifest_and_the_registration_script(client):
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#4f1f94">' in html
    assert 'src="/static/js/pwa.js" data-worker="/sw.js" defer' in html
    # The CSP allows no inline script: the registration is a file.
    assert "serviceWorker" not in html


def test_the_manifest_is_valid(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Créneau" and manifest["short_name"]
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#4f1f94" and manifest["background_color"]
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon.get("purpose") != "maskable"}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            assert image.format == "PNG"
        assert client.get(icon["src"]).status_code == 200 or path


def test_maskable_icons_fill_the_whole_square(client):
    with Image.open(finders.find("icons/maskable-512.png")) as image:
        corner = image.convert("RGBA").getpixel((0, 0))
    assert corner[3] == 255  # opaque: the phone cuts its own shape out of it


def test_the_service_worker_is_served_from_the_root_with_the_right_headers(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert '"/offline/"' in body
    assert '"/account/bookings/"' in body


def test_the_offline_page_shows_nothing_personal(client, customer):
    client.login(email=customer.email, password=PASSWORD)
    html = client.get("/offline/").content.decode()
    assert "/account/bookings/" in html
    assert customer.first_name not in html and customer.email not in html


def test_the_owner_marker_differs_per_account_and_is_empty_for_visitors(
    client, customer, other_customer
):
    def marker() -> str:
        html = client.get("/security/").content.decode()
        return html.split('<meta name="offline-owner" content="')[1].split('"')[0]

    assert marker() == ""
    client.login(email=customer.email, password=PASSWORD)
    first = marker()
    client.logout()
    client.login(email=other_customer.email, password=PASSWORD)
    second = marker()
    assert first and second and first != second
    assert str(customer.pk) != first
