"""Personalisation: the last city and kind of salon searched, remembered only with consent."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def choose(client, choice, categories=()):
    client.post(reverse("privacy:consent_save"), {"choice": choice, "categories": list(categories)})


def search(client, **params):
    return client.get(reverse("web:search"), params)


def home_form(client):
    return client.get(reverse("web:home")).context["form"]


def test_with_personalisation_the_home_page_offers_the_last_search_again(client, settings):
    choose(client, "save", ["personalisation"])
    response = search(client, where="Lyon", category="barber", q="dégradé")
    cookie = response.cookies[settings.SEARCH_PREFERENCES_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    form = home_form(client)
    assert form["where"].value() == "Lyon"
    assert form["category"].value() == "barber"
    assert not form["q"].value()  # the words searched are not kept


def test_a_later_search_without_a_city_keeps_the_last_city(client):
    choose(client, "save", ["personalisation"])
    search(client, where="Lyon")
    search(client, category="nails")
    form = home_form(client)
    assert (form["where"].value(), form["category"].value()) == ("Lyon", "nails")


@pytest.mark.parametrize("categories", [(), ("analytics", "marketing")])
def test_without_personalisation_nothing_is_remembered(client, settings, categories):
    choose(client, "save", categories)
    response = search(client, where="Lyon", category="barber")
    assert settings.SEARCH_PREFERENCES_COOKIE_NAME not in response.cookies
    assert not home_form(client)["where"].value()


def test_before_any_choice_nothing_is_remembered(client, settings):
    response = search(client, where="Lyon")
    assert settings.SEARCH_PREFERENCES_COOKIE_NAME not in response.cookies


def test_withdrawing_personalisation_forgets_the_last_search(client, settings):
    choose(client, "accept_all")
    search(client, where="Lyon")
    response = client.post(
        reverse("privacy:consent_save"), {"choice": "save", "categories": ["analytics"]}
    )
    assert response.cookies[settings.SEARCH_PREFERENCES_COOKIE_NAME]["max-age"] == 0
    assert not home_form(client)["where"].value()


def test_a_remembered_search_is_not_used_once_the_choice_has_expired(client, settings):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    choose(client, "save", ["personalisation"])
    search(client, where="Lyon")
    with time_machine.travel(timezone.now() + timedelta(days=190)):
        assert not home_form(client)["where"].value()
