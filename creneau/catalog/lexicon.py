"""The words of a search line that are not looked up in the salons' own text.

Salon types by their usual French and English words, the small words that only glue a line
together ("à", "près de"), the generic words that name no type ("salon"), and the cities
whose postcodes follow their arrondissements. Every key is in `text.normalise` form (lower
case, no accents). This is vocabulary, not interface text: it is not translated.
"""

from __future__ import annotations

from creneau.catalog.models import BusinessCategory

HAIR = BusinessCategory.HAIR.value
BARBER = BusinessCategory.BARBER.value
BEAUTY = BusinessCategory.BEAUTY.value
NAILS = BusinessCategory.NAILS.value
SPA = BusinessCategory.SPA.value

# One word that names a salon type, singular and plural, French and English.
CATEGORY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "coiffeur",
            "coiffeurs",
            "coiffeuse",
            "coiffeuses",
            "coiffure",
            "coiffures",
            "hairdresser",
            "hairdressers",
            "hairdressing",
            "hairstylist",
            "hairstylists",
            "capilliculteur",
        ],
        HAIR,
    ),
    **dict.fromkeys(
        ["barbier", "barbiers", "barber", "barbers", "barbershop", "barbershops"], BARBER
    ),
    **dict.fromkeys(
        [
            "ongle",
            "ongles",
            "manucure",
            "manucures",
            "manicure",
            "onglerie",
            "ongleries",
            "prothesiste",
            "nails",
            "nail",
            "pedicure",
            "pedicures",
        ],
        NAILS,
    ),
    **dict.fromkeys(
        [
            "institut",
            "instituts",
            "estheticienne",
            "estheticiennes",
            "estheticien",
            "esthetique",
            "esthetiques",
            "beaute",
            "beauty",
            "beautician",
            "epilation",
        ],
        BEAUTY,
    ),
    **dict.fromkeys(
        ["spa", "spas", "hammam", "hammams", "massage", "massages", "wellness", "bienetre"], SPA
    ),
}

# Several words naming a type: read before single words, so "nail bar" is not "bar".
CATEGORY_PHRASES: dict[str, str] = {
    "salon de coiffure": HAIR,
    "hair salon": HAIR,
    "barber shop": BARBER,
    "nail bar": NAILS,
    "nails bar": NAILS,
    "bar a ongles": NAILS,
    "nail salon": NAILS,
    "institut de beaute": BEAUTY,
    "salon de beaute": BEAUTY,
    "beauty salon": BEAUTY,
    "beauty institute": BEAUTY,
    "bien etre": SPA,
    "day spa": SPA,
}

# Type words that are also services other types sell: a nail bar does manicures, and so does
# many a beauty institute. Such a word finds the type, or any salon whose price list says it.
ALSO_SERVICE_WORDS = frozenset(
    {"manucure", "manucures", "pedicure", "pedicures", "massage", "massages", "hammam", "epilation"}
)

# The word put back in a line that searches a type, as a person would type it.
CATEGORY_QUERY_WORD: dict[str, str] = {
    HAIR: "coiffeur",
    BARBER: "barbier",
    BEAUTY: "institut",
    NAILS: "onglerie",
    SPA: "spa",
}

# Words that only link the others: "barbier à Marseille", "spa près de Lille".
GLUE_WORDS = frozenset(
    {
        "a",
        "au",
        "aux",
        "de",
        "du",
        "des",
        "d",
        "l",
        "la",
        "le",
        "les",
        "en",
        "sur",
        "pres",
        "proche",
        "proximite",
        "vers",
        "autour",
        "dans",
        "chez",
        "pour",
        "un",
        "une",
        "et",
        "near",
        "in",
        "at",
        "around",
        "the",
        "for",
        "and",
        "of",
        "arrondissement",
        "arrondissements",
        "arr",
        "ardt",
    }
)

# Words that name no type and no salon in particular: "salon paris" is every salon in Paris.
GENERIC_WORDS = frozenset({"salon", "salons", "shop", "studio", "centre", "center"})

# Cities divided into arrondissements, with the postcode of each: Paris's 16th has two.
ARRONDISSEMENTS: dict[str, dict[int, tuple[str, ...]]] = {
    "paris": {n: (f"750{n:02d}",) for n in range(1, 21)} | {16: ("75016", "75116")},
    "lyon": {n: (f"6900{n}",) for n in range(1, 10)},
    "marseille": {n: (f"130{n:02d}",) for n in range(1, 17)},
}

# The services a search can be narrowed to ("optionally a service"), per salon type: each is
# the words a salon's service name holds (folded), and stands for the salon's shortest
# bookable service whose name holds them all. The availability summary keeps free times for
# each of these as well as for the salon's shortest service (bookings.summary).
USUAL_SERVICES: dict[str, tuple[str, ...]] = {
    HAIR: ("coupe", "coupe homme", "brushing", "couleur", "balayage"),
    BARBER: ("coupe homme", "barbe", "rasage"),
    BEAUTY: ("sourcils", "cils", "soin", "maquillage"),
    NAILS: ("manucure", "semi permanent", "gel"),
    SPA: ("massage", "modelage", "hammam", "gommage"),
}
ALL_USUAL_SERVICES: tuple[str, ...] = tuple(
    dict.fromkeys(key for keys in USUAL_SERVICES.values() for key in keys)
)
