"""The salon search: where (city or postcode), category, free text, accents and order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creneau.catalog.models import Business
from creneau.catalog.selectors import business_search


def names(queryset) -> list[str]:
    return [business.name for business in queryset]


@pytest.fixture
def salons(make_business) -> dict[str, Business]:
    return {
        "elea": make_business(
            "Salon Éléa",
            city="Paris",
            postcode="75011",
            services=(("Balayage", 150, "120"), ("Coupe femme", 45, "45")),
        ),
        "barbier": make_business(
            "Le Barbier de Lyon",
            city="Lyon",
            postcode="69003",
            category="barber",
            services=(("Taille de barbe", 20, "18"), ("Coupe homme", 30, "25")),
        ),
        "ongles": make_business(
            "Ongles & Vernis",
            city="Paris",
            postcode="75018",
            category="nails",
            services=(("Semi-permanent mains", 45, "32"),),
        ),
        "etienne": make_business(
            "Atelier Coiffure",
            city="Saint-Étienne",
            postcode="42000",
            services=(("Coupe homme", 30, "22"), ("Balayage", 120, "95")),
        ),
    }


def test_it_finds_salons_by_city(salons):
    assert names(business_search(where="Paris")) == ["Ongles & Vernis", "Salon Éléa"]


def test_the_city_ignores_case_accents_and_hyphens(salons):
    for where in ("saint-étienne", "SAINT ETIENNE", "Saint Etienne", "saint-e"):
        assert names(business_search(where=where)) == ["Atelier Coiffure"], where


def test_the_start_of_a_city_name_is_enough_when_no_city_has_that_name(salons):
    assert names(business_search(where="lyo")) == ["Le Barbier de Lyon"]


def test_a_full_city_name_does_not_find_cities_that_start_with_it(make_business):
    make_business("Salon de Paris", city="Paris")
    make_business("Salon de Parisot", city="Parisot", postcode="81310")
    assert names(business_search(where="Paris")) == ["Salon de Paris"]


def test_it_finds_salons_by_postcode(salons):
    assert names(business_search(where="69003")) == ["Le Barbier de Lyon"]


def test_a_department_number_finds_all_its_postcodes(salons):
    assert names(business_search(where="75")) == ["Ongles & Vernis", "Salon Éléa"]


def test_a_postcode_prefix_finds_the_postcodes_that_start_with_it(make_business):
    make_business("Vieux Lyon", city="Lyon", postcode="69005")
    make_business("Villeurbanne", city="Villeurbanne", postcode="69100")
    make_business("Vienne", city="Vienne", postcode="38200")
    make_business("Bastia", city="Bastia", postcode="20200")
    make_business("Outre-mer", city="Saint-Denis", postcode="97400")
    assert names(business_search(where="690")) == ["Vieux Lyon"]
    assert names(business_search(where="69")) == ["Vieux Lyon", "Villeurbanne"]
    assert names(business_search(where="97")) == ["Outre-mer"]
    assert names(business_search(where="9")) == []  # one digit is not a department


def test_it_filters_by_category(salons):
    assert names(business_search(category="barber")) == ["Le Barbier de Lyon"]
    assert names(business_search(where="Paris", category="hair")) == ["Salon Éléa"]


def test_an_unknown_category_finds_nothing(salons):
    assert names(business_search(category="tattoo")) == []


def test_it_finds_a_salon_by_its_name_without_accents(salons):
    for text in ("elea", "ELEA", "éléa", "Salon Éléa", "salon elea"):
        assert names(business_search(text=text)) == ["Salon Éléa"], text


def test_it_finds_salons_by_the_name_of_a_service(salons):
    assert names(business_search(text="balayage")) == ["Atelier Coiffure", "Salon Éléa"]


def test_every_word_of_the_text_must_match(salons):
    assert names(business_search(text="coupe homme")) == ["Atelier Coiffure", "Le Barbier de Lyon"]
    assert names(business_search(text="coupe ongles")) == []


def test_text_and_city_combine(salons):
    assert names(business_search(text="coupe homme", where="Lyon")) == ["Le Barbier de Lyon"]


def test_a_match_in_the_salon_name_ranks_before_a_match_in_its_services(make_business):
    make_business("Atelier Zoé", services=(("Barbe de trois jours", 20, "15"),))
    make_business("Barbe Rousse", category="barber")
    assert names(business_search(text="barbe")) == ["Barbe Rousse", "Atelier Zoé"]


def test_equal_relevance_is_sorted_by_name_whatever_its_accents(make_business):
    make_business("Zen Coiffure")
    make_business("Éclat Coiffure")
    make_business("Atelier Coiffure")
    assert names(business_search(text="coiffure")) == [
        "Atelier Coiffure",
        "Éclat Coiffure",
        "Zen Coiffure",
    ]


def test_unpublished_salons_are_not_found(make_business):
    make_business("Salon Caché", is_active=False)
    assert names(business_search(text="cache")) == []


def test_services_that_cannot_be_booked_are_not_searched(salon):
    assert names(business_search(text="retiree")) == []
    assert names(business_search(text="balayage")) == ["Salon Éléa"]


def test_punctuation_in_the_text_is_ignored(salons):
    assert names(business_search(text="ongles & vernis!")) == ["Ongles & Vernis"]


def test_results_carry_the_lowest_paid_price_and_the_number_of_bookable_services(salon):
    (result,) = business_search(text="elea")
    assert result.service_count == 3
    assert result.price_from == Decimal("42.00")


def test_renaming_a_service_through_the_reindex_updates_the_search(salon):
    from creneau.catalog.services import business_reindex

    salon.services.filter(name="Balayage").update(name="Ombré hair")
    assert names(business_search(text="ombre")) == []
    business_reindex(business_ids=[salon.pk])
    assert names(business_search(text="ombre")) == ["Salon Éléa"]


def test_cities_are_listed_by_number_of_published_salons(salons, make_business):
    from creneau.catalog.selectors import cities_with_salons

    make_business("Salon Caché", city="Lyon", postcode="69001", is_active=False)
    entries = [(e.city, e.count) for e in cities_with_salons(limit=3)]
    assert entries == [("Paris", 2), ("Lyon", 1), ("Saint-Étienne", 1)]
