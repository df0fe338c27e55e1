"""The normalisation shared by the search index and the queries."""

from __future__ import annotations

from creneau.catalog.text import normalise, terms


def test_it_removes_accents_and_case():
    assert normalise("Salon ÉLÉA à Besançon") == "salon elea a besancon"


def test_it_spells_out_french_ligatures():
    assert normalise("Cœur d'Œillet Æther") == "coeur d oeillet aether"


def test_it_turns_punctuation_into_single_spaces():
    assert normalise("  L'Hair—du   Temps !! ") == "l hair du temps"


def test_terms_are_distinct_words_in_order():
    assert terms("Coupe coupe HOMME") == ["coupe", "homme"]


def test_an_empty_or_punctuation_only_query_has_no_terms():
    assert terms("") == []
    assert terms(" -- !") == []
