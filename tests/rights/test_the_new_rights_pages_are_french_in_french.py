"""The pages of the new rights and of the policy's versions hold no English on the French site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from creneau.rights.models import RightsRequest

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Restrict the processing of my data",
    "Lift the restriction",
    "do it yourself",
    "your cookie choices",
    "Restriction: keep my data",
    "Portability: my data",
    "Withdrawal of consent",
    "Versions of the privacy policy",
    "Version of ",
    "Earlier versions",
    "What it turns on",
    "our own audience measurement",
    "the memory of your last search",
]


@pytest.mark.parametrize(
    "name",
    [
        "privacy:restriction",
        "privacy:rights_form",
        "privacy:policy_versions",
        "privacy:cookie_policy",
        "privacy:privacy_policy",
    ],
)
def test_the_page_has_no_english_in_french(client, customer, name):
    client.force_login(customer)
    html = client.get(reverse(name)).content.decode()
    assert 'lang="fr"' in html
    left = [phrase for phrase in ENGLISH if phrase in html]
    assert not left, left


def test_every_right_has_a_french_label():
    from django.utils import translation

    with translation.override("fr"):
        labels = [str(label) for _key, label in RightsRequest.Right.choices]
    assert len(labels) == 7
    assert not [
        label
        for label in labels
        if label.split(":")[0]
        in {"Restriction", "Portability", "Withdrawal of consent", "Access", "Erasure", "Objection"}
    ]
