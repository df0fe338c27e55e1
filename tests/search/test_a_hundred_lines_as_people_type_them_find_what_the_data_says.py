"""A hundred search lines as people type them, each checked against the salons the data says
it should find: the expectation is a rule over the salons' own fields (type, city, postcode,
words of the price list), never a list of names. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from creneau.catalog.models import Business
from creneau.catalog.search import salon_search, salons_matching, search_criteria
from creneau.catalog.text import normalise
from creneau.catalog.understanding import search_line_read

Rule = Callable[[Business], bool]


def cat(category: str) -> Rule:
    return lambda b: b.category == category


def city(slug: str) -> Rule:
    return lambda b: b.city_slug == slug


def postcode(*codes: str) -> Rule:
    return lambda b: b.postcode in codes


def prefix(start: str) -> Rule:
    return lambda b: b.postcode.startswith(start)


def has(*words: str) -> Rule:
    return lambda b: all(word in b.search_text for word in words)


def all_of(*rules: Rule) -> Rule:
    return lambda b: all(rule(b) for rule in rules)


def either(*rules: Rule) -> Rule:
    return lambda b: any(rule(b) for rule in rules)


def anything(b: Business) -> bool:
    return True


HAIR, BARBER, BEAUTY, NAILS, SPA = "hair", "barber", "beauty", "nails", "spa"

CASES: list[tuple[str, Rule]] = [
    # Types in French and English, with a city, in any order, case and accents.
    ("coiffeur paris", all_of(cat(HAIR), city("paris"))),
    ("Coiffeuse à Lyon", all_of(cat(HAIR), city("lyon"))),
    ("coiffure marseille", all_of(cat(HAIR), city("marseille"))),
    ("hairdresser Toulouse", all_of(cat(HAIR), city("toulouse"))),
    ("COIFFEURS BORDEAUX", all_of(cat(HAIR), city("bordeaux"))),
    ("salon de coiffure nantes", all_of(cat(HAIR), city("nantes"))),
    ("hair salon strasbourg", all_of(cat(HAIR), city("strasbourg"))),
    ("paris coiffeur", all_of(cat(HAIR), city("paris"))),
    ("coiffeur", cat(HAIR)),
    ("hairdressers in Lille", all_of(cat(HAIR), city("lille"))),
    ("barbier", cat(BARBER)),
    ("barbier à Marseille", all_of(cat(BARBER), city("marseille"))),
    ("barber lyon", all_of(cat(BARBER), city("lyon"))),
    ("barbershop paris", all_of(cat(BARBER), city("paris"))),
    ("barber shop nantes", all_of(cat(BARBER), city("nantes"))),
    ("barbers in bordeaux", all_of(cat(BARBER), city("bordeaux"))),
    ("Barbiers Toulouse", all_of(cat(BARBER), city("toulouse"))),
    ("lille barbier", all_of(cat(BARBER), city("lille"))),
    ("ongles paris", all_of(cat(NAILS), city("paris"))),
    ("onglerie marseille", all_of(cat(NAILS), city("marseille"))),
    ("nail bar bordeaux", all_of(cat(NAILS), city("bordeaux"))),
    ("bar à ongles lille", all_of(cat(NAILS), city("lille"))),
    ("nails toulouse", all_of(cat(NAILS), city("toulouse"))),
    ("manucure lyon", all_of(either(cat(NAILS), has("manucure")), city("lyon"))),
    ("manicure strasbourg", all_of(cat(NAILS), city("strasbourg"))),
    ("pédicure nantes", all_of(either(cat(NAILS), has("pedicure")), city("nantes"))),
    ("institut paris", all_of(cat(BEAUTY), city("paris"))),
    ("esthéticienne lyon", all_of(cat(BEAUTY), city("lyon"))),
    ("esthetique marseille", all_of(cat(BEAUTY), city("marseille"))),
    ("beauty toulouse", all_of(cat(BEAUTY), city("toulouse"))),
    ("institut de beauté bordeaux", all_of(cat(BEAUTY), city("bordeaux"))),
    ("beauté lille", all_of(cat(BEAUTY), city("lille"))),
    ("épilation nantes", all_of(either(cat(BEAUTY), has("epilation")), city("nantes"))),
    ("beauty salon strasbourg", all_of(cat(BEAUTY), city("strasbourg"))),
    ("spa près de Lille", all_of(cat(SPA), city("lille"))),
    ("spa marseille", all_of(cat(SPA), city("marseille"))),
    ("hammam paris", all_of(either(cat(SPA), has("hammam")), city("paris"))),
    ("massage lyon", all_of(either(cat(SPA), has("massage")), city("lyon"))),
    ("day spa bordeaux", all_of(cat(SPA), city("bordeaux"))),
    ("massages à toulouse", all_of(either(cat(SPA), has("massages")), city("toulouse"))),
    ("bien-être nantes", all_of(cat(SPA), city("nantes"))),
    ("spa", cat(SPA)),
    # Typos.
    ("coifeur paris", all_of(cat(HAIR), city("paris"))),
    ("coiffuer lyon", all_of(cat(HAIR), city("lyon"))),
    ("barbeir lille", all_of(cat(BARBER), city("lille"))),
    ("barbier marseile", all_of(cat(BARBER), city("marseille"))),
    ("coiffeur toulousse", all_of(cat(HAIR), city("toulouse"))),
    ("onglerie strasbour", all_of(cat(NAILS), city("strasbourg"))),
    ("estheticiene nantes", all_of(cat(BEAUTY), city("nantes"))),
    ("balyage bordeaux", all_of(has("balayage"), city("bordeaux"))),
    ("brushnig paris", all_of(has("brushing"), city("paris"))),
    ("manucrue lyon", all_of(either(cat(NAILS), has("manucure")), city("lyon"))),
    ("coiffeur lile", all_of(cat(HAIR), city("lille"))),
    ("barbier bordeau", all_of(cat(BARBER), city("bordeaux"))),
    # Postcodes, departments and arrondissements.
    ("75010", postcode("75010")),
    ("balayage 75011", all_of(has("balayage"), postcode("75011"))),
    ("coiffeur 75010", all_of(cat(HAIR), postcode("75010"))),
    ("paris 10", postcode("75010")),
    ("paris 10e", postcode("75010")),
    ("Paris 10ème", postcode("75010")),
    ("coiffeur paris 10e", all_of(cat(HAIR), postcode("75010"))),
    ("10e", postcode("75010")),
    ("1er", postcode("75001")),
    ("coiffeur Paris 1er", all_of(cat(HAIR), postcode("75001"))),
    ("manucure lyon 3e", all_of(either(cat(NAILS), has("manucure")), postcode("69003"))),
    ("lyon 3e barbier", all_of(cat(BARBER), postcode("69003"))),
    ("lyon 6ème", postcode("69006")),
    ("marseille 1er", postcode("13001")),
    ("marseille 8e arrondissement", postcode("13008")),
    ("13008", postcode("13008")),
    ("manucure 13001", all_of(either(cat(NAILS), has("manucure")), postcode("13001"))),
    ("spa paris 16e", all_of(cat(SPA), postcode("75016", "75116"))),
    ("coupe homme 69003", all_of(has("coupe", "homme"), postcode("69003"))),
    ("coiffeur 69", all_of(cat(HAIR), prefix("69"))),
    ("barbier 33", all_of(cat(BARBER), prefix("33"))),
    ("institut 59000", all_of(cat(BEAUTY), postcode("59000"))),
    ("coiffeur paris 11ème arrondissement", all_of(cat(HAIR), postcode("75011"))),
    # Service words, alone and with a city.
    ("coupe homme", has("coupe", "homme")),
    ("coupe homme lyon", all_of(has("coupe", "homme"), city("lyon"))),
    ("balayage", has("balayage")),
    ("balayage paris", all_of(has("balayage"), city("paris"))),
    ("brushing marseille", all_of(has("brushing"), city("marseille"))),
    ("taille de barbe toulouse", all_of(has("taille", "barbe"), city("toulouse"))),
    ("semi-permanent lille", all_of(has("semi", "permanent"), city("lille"))),
    ("couleur nantes", all_of(has("couleur"), city("nantes"))),
    ("soin du visage strasbourg", all_of(has("soin", "visage"), city("strasbourg"))),
    ("Coupe Transformation à Bordeaux", all_of(has("coupe", "transformation"), city("bordeaux"))),
    ("brushing près de Lyon", all_of(has("brushing"), city("lyon"))),
    ("rasage paris", all_of(has("rasage"), city("paris"))),
    ("Barber Lyon 2e", all_of(cat(BARBER), postcode("69002"))),
    ("nail salon paris 18", all_of(cat(NAILS), postcode("75018"))),
    # Cities alone, with hyphens and accents, and a town named like the start of one.
    ("paris", city("paris")),
    ("salon paris", city("paris")),
    ("salons à Lyon", city("lyon")),
    ("saint etienne", city("saint-etienne")),
    ("Saint-Étienne", city("saint-etienne")),
    ("barbier saint-étienne", all_of(cat(BARBER), city("saint-etienne"))),
    ("coiffure parisot", all_of(cat(HAIR), city("parisot"))),
    ("STRASBOURG", city("strasbourg")),
    ("à nantes", city("nantes")),
    ("", anything),
]

# Salon names typed without accents or capitals: the salons of that name come first.
NAMED = ["Salon Éléa", "Les Ciseaux d'Or", "Belle Époque Beauté", "Spa Sérénité", "Coiff'Émoi"]


def _found(line: str) -> set[int]:
    criteria = search_criteria(understanding=search_line_read(line))
    return set(salons_matching(criteria).values_list("pk", flat=True))


def test_each_line_finds_exactly_the_salons_its_rule_selects(catalogue):
    assert len(CASES) >= 100
    failures = []
    empty = 0
    for line, rule in CASES:
        expected = {b.pk for b in catalogue if rule(b)}
        empty += not expected
        found = _found(line)
        if found != expected:
            failures.append(
                f"{line!r}: {len(found - expected)} unexpected, {len(expected - found)} missing"
            )
    assert failures == []
    # The table is only a test if its expectations are not empty.
    assert empty <= 3


def test_a_salon_name_typed_plainly_puts_that_salon_first(catalogue):
    for name in NAMED:
        same_name = {b.pk for b in catalogue if b.name == name}
        assert same_name, name
        page = salon_search(line=normalise(name).upper(), per_page=len(same_name)).page
        assert {b.pk for b in page.object_list} == same_name, name
