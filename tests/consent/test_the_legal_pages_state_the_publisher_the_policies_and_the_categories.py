from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OPERATOR = {
    "NAME": "Salonnet SARL",
    "LEGAL_FORM": "SARL",
    "SHARE_CAPITAL": "12 345 €",
    "ADDRESS": "7 quai des Tests, 13002 Marseille",
    "REGISTRATION": "RCS Marseille 123 456 789",
    "PHONE": "+33 4 91 00 00 00",
    "EMAIL": "contact@salonnet.example",
    "DPO_EMAIL": "dpo@salonnet.example",
    "PUBLICATION_DIRECTOR": "Mme Directrice",
}


@pytest.fixture(autouse=True)
def operator(settings):
    settings.OPERATOR = OPERATOR
    settings.HOSTING_PROVIDER = "Nuage Exemple, Roubaix"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_legal_notice_names_the_publisher_and_the_host(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("privacy:legal_notice"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in html
    for value in OPERATOR.values():
        assert value in html
    assert "Nuage Exemple, Roubaix" in html


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        (
            "fr",
            [
                "adresse électronique",
                "mot de passe",
                "téléphone mobile",
                "droit d'accès",
                "droit de rectification",
                "droit d'opposition",
                "droit à l'effacement",
                "30 jours",
                "pièces comptables",
                "confirmation de suppression",
                "personnalisation",
                "marketing",
            ],
        ),
        (
            "en",
            [
                "e-mail address",
                "password",
                "mobile phone number",
                "right of access",
                "right to rectification",
                "right to object",
                "right to erasure",
                "30 days",
                "accounting records",
                "confirmation of deletion",
                "personalisation",
                "marketing",
            ],
        ),
    ],
)
def test_the_privacy_policy_states_every_promise(client, settings, language, phrases):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("privacy:privacy_policy")).content.decode().replace("&#x27;", "'")
    for phrase in phrases:
        assert phrase in html, phrase
    assert OPERATOR["DPO_EMAIL"] in html
    assert OPERATOR["NAME"] in html


@pytest.mark.usefixtures("an_advertising_partner")
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_cookie_policy_lists_the_four_categories(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("privacy:cookie_policy")).content.decode()
    assert html.count('<th scope="row">') == 4


def test_every_page_footer_links_to_the_legal_pages_and_cookie_settings(client):
    html = client.get("/").content.decode()
    for name in ("privacy:legal_notice", "privacy:privacy_policy", "privacy:cookie_policy"):
        assert f'href="{reverse(name)}"' in html
    assert "footer" in html


def test_french_is_the_default_language_whatever_the_browser_says(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in response.content.decode()


def test_the_language_switch_remembers_english(client, settings):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/")["Content-Language"] == "en"


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("fr", "Sauvegardes de la base : 21 jours au plus"),
        ("en", "Backups of the database: 21 days"),
    ],
)
def test_the_policy_states_how_long_backups_are_kept_as_configured(
    client, settings, language, phrase
):
    # What `manage.py backup` prunes to (BACKUP_RETENTION_DAYS) is what the policy promises.
    settings.BACKUP_RETENTION_DAYS = 21
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("privacy:privacy_policy")).content.decode()
    assert phrase in html
