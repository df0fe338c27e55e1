"""Small site rules: the terms of use exist in both languages with the operator from settings
and are linked in every footer; /favicon.ico is an icon; English dates use one style; the
cookie policy's version is a date in words; SITE_URL follows PORT in development."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"), [("fr", "Conditions d\u2019utilisation"), ("en", "Terms of use")]
)
def test_the_terms_of_use_are_written_in_both_languages_with_the_operator(language, heading):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("privacy:terms")).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert settings.OPERATOR["NAME"] in html and settings.OPERATOR["REGISTRATION"] in html
    assert f'href="{reverse("privacy:privacy_policy")}"' in html
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f'href="{reverse("privacy:terms")}"' in footer


def test_the_favicon_is_an_icon_and_every_page_links_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [("fr", "1er janvier 2027", "29/03/2027"), ("en", "1 January 2027", "29/03/2027")],
)
def test_dates_are_written_one_way_per_language(language, long, short):
    template = Template(
        '{% load site_format %}{{ first|prose_date }} {{ day|date:"SHORT_DATE_FORMAT" }}'
    )
    with translation.override(language):
        text = template.render(Context({"first": date(2027, 1, 1), "day": date(2027, 3, 29)}))
    assert text == f"{long} {short}"


def test_the_cookie_policy_version_is_a_date_in_words():
    html = Client(HTTP_ACCEPT_LANGUAGE="fr").get(reverse("privacy:cookie_policy")).content.decode()
    muted = html.split('<p class="muted">', 1)[1].split("</p>", 1)[0]
    assert "Version du" in muted
    assert not re.search(r"\d{4}-\d{2}-\d{2}", muted)


def test_site_url_follows_port_in_development(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "true",
        "PORT": "18700",
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "creneau.settings",
    }
    env.pop("SITE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert out.stdout.strip() == "http://127.0.0.1:18700"


def test_the_home_page_lists_the_cities_that_have_salons(salon):
    html = Client(HTTP_ACCEPT_LANGUAGE="fr").get(reverse("web:home")).content.decode()
    section = html.split('id="cities-title"', 1)[1].split("</section>", 1)[0]
    assert "Les villes qui comptent le plus de salons" in section
    assert f'href="{reverse("web:city", args=["paris"])}">Paris<' in section
    assert "Lyon" not in section and "Marseille" not in section


def test_a_closure_on_the_first_of_the_month_reads_1er_in_french(salon):
    from creneau.catalog.models import Closure

    Closure.objects.create(
        business=salon, start_date=date(2027, 1, 1), end_date=date(2027, 1, 1), label="Nouvel an"
    )
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        html = Client(HTTP_ACCEPT_LANGUAGE="fr").get(salon.get_absolute_url()).content.decode()
    assert "Fermé le 1er janvier 2027" in html
