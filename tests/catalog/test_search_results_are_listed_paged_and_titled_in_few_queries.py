"""The results page: form, list, pagination, titles, queries and caching."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from creneau.web.catalog_views import PAGE_SIZE


@pytest.fixture
def many_salons(make_business):
    return [
        make_business(f"Salon {number:02d}", city="Lyon", postcode="69002")
        for number in range(PAGE_SIZE + 5)
    ]


def result_names(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<h2 class="result-name"><a href="[^"]+">([^<]+)</a>', html)


def test_the_home_page_has_the_search_form_and_city_shortcuts(english_client, salon):
    response = english_client.get(reverse("web:home"))
    html = response.content.decode()
    assert f'action="{reverse("web:search")}"' in html
    for field in ('name="q"', 'name="where"', 'name="category"'):
        assert field in html
    assert f'href="{reverse("web:city", args=["paris"])}"' in html


def test_a_search_lists_matching_salons_with_links_to_their_pages(english_client, salon):
    response = english_client.get(reverse("web:search"), {"q": "elea"})
    assert response.status_code == 200
    assert result_names(response) == ["Salon Éléa"]
    assert f'href="{salon.get_absolute_url()}"' in response.content.decode()
    assert "1 salon found" in response.content.decode()


def test_results_are_paginated_and_the_second_page_keeps_the_query(english_client, many_salons):
    first = english_client.get(reverse("web:search"), {"where": "Lyon"})
    assert len(result_names(first)) == PAGE_SIZE
    assert "where=Lyon&amp;page=2" in first.content.decode()
    second = english_client.get(reverse("web:search"), {"where": "Lyon", "page": 2})
    assert result_names(second) == [f"Salon {n:02d}" for n in range(PAGE_SIZE, PAGE_SIZE + 5)]


def test_a_text_search_runs_two_queries_and_the_version_read_whatever_the_page_size(
    client, many_salons, django_assert_num_queries
):
    # One COUNT for the paginator, one SELECT for the page: prices and service counts are
    # columns of the salon row, not a query per result. (And, for a visitor without an
    # account, one primary-key read of the search-wide version of the kept pages.)
    with django_assert_num_queries(2 + 1):
        response = client.get(reverse("web:search"), {"q": "salon"})
    assert response.status_code == 200


def test_a_city_search_adds_one_indexed_lookup_of_the_city(
    client, many_salons, django_assert_num_queries
):
    with django_assert_num_queries(3 + 1):  # + the kept pages' version
        response = client.get(reverse("web:search"), {"where": "Lyon"})
    assert response.status_code == 200


def test_a_city_page_runs_three_queries_and_the_version_read(
    client, many_salons, django_assert_num_queries
):
    # The city's name, the ordered ids of its salons, the page's rows (+ the kept pages'
    # version, read for a visitor without an account).
    with django_assert_num_queries(3 + 1):
        assert client.get(reverse("web:city", args=["lyon"])).status_code == 200


def test_the_title_and_description_name_the_category_and_city(english_client, salon):
    response = english_client.get(reverse("web:search"), {"where": "Paris", "category": "hair"})
    html = response.content.decode()
    assert "<title>Hair salons in Paris · Créneau</title>" in html
    assert '<meta name="description" content="Hair salons in Paris: 1 salon on' in html


def test_free_text_result_pages_are_not_indexed(client, salon):
    html = client.get(reverse("web:search"), {"q": "elea"}).content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html


def test_the_city_page_lists_its_salons_and_is_canonical(english_client, salon, make_business):
    make_business("Salon Lyonnais", city="Lyon", postcode="69001")
    response = english_client.get(reverse("web:city", args=["paris"]))
    html = response.content.decode()
    assert result_names(response) == ["Salon Éléa"]
    assert "<h1>Salons in Paris</h1>" in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/salons/paris/">' in html


def test_an_invalid_category_is_reported_and_ignored(english_client, salon):
    response = english_client.get(reverse("web:search"), {"category": "tattoo", "q": "elea"})
    assert response.status_code == 200
    assert result_names(response) == ["Salon Éléa"]
    assert 'class="errorlist"' in response.content.decode()


def test_an_empty_search_says_so(english_client, salon):
    response = english_client.get(reverse("web:search"), {"q": "pédicure canine"})
    assert result_names(response) == []
    assert "No salon matches your search." in response.content.decode()


def test_public_pages_may_be_kept_by_the_browser_but_not_by_shared_caches(client, salon):
    for url in (reverse("web:home"), reverse("web:search"), salon.get_absolute_url()):
        response = client.get(url)
        cache_control = response.headers["Cache-Control"]
        assert "private" in cache_control and "max-age=" in cache_control, url
        assert "Cookie" in response.headers["Vary"], url
