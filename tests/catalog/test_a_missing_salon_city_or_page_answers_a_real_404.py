"""A salon, city or page that does not exist answers a real 404 page."""

from __future__ import annotations

import pytest

PAGE_NOT_FOUND_TEMPLATE = "404.html"


@pytest.mark.parametrize(
    "url",
    [
        "/salons/paris/salon-inconnu/",
        "/salons/atlantis/",
        "/salons/?page=99",
        "/salons/?page=abc",
        "/salons/paris/salon-elea/tarifs/",
        "/une-page-qui-n-existe-pas/",
    ],
)
def test_it_answers_404_with_the_site_page(client, salon, url):
    response = client.get(url)
    assert response.status_code == 404
    assert PAGE_NOT_FOUND_TEMPLATE in [t.name for t in response.templates]
    # The page keeps the site's layout and a way back home.
    assert 'href="/"' in response.content.decode()


def test_an_unpublished_salon_is_not_found(client, salon):
    salon.is_active = False
    salon.save(update_fields=["is_active"])
    assert client.get(salon.get_absolute_url()).status_code == 404


def test_a_city_whose_salons_are_all_unpublished_is_not_found(client, salon):
    salon.is_active = False
    salon.save(update_fields=["is_active"])
    assert client.get("/salons/paris/").status_code == 404


def test_catalogue_pages_refuse_methods_that_write(client, salon):
    assert client.post(salon.get_absolute_url()).status_code == 405


def test_catalogue_pages_answer_head_requests(client, salon):
    for url in ("/", "/salons/?q=elea", "/salons/paris/", salon.get_absolute_url()):
        assert client.head(url).status_code == 200, url
