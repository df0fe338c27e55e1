"""Reading a search line: what the person wants (a salon type, services, a salon's name) and
where (a city, a postcode, an arrondissement), whatever the order, accents, case and small typos.

"coiffeur paris", "barbier à Marseille", "manucure lyon 3e", "balayage 75011",
"spa près de Lille", "coupe homme", "Salon Elea" all go through `search_line_read`. The
salon types and the small words come from `catalog.lexicon`; which words are cities, and what
a mistyped word meant, from the search vocabulary (`SearchTerm`), in at most two indexed
queries, and none for a line made only of known type words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Length

from creneau.catalog import lexicon
from creneau.catalog.models import SearchTerm
from creneau.catalog.search_match import vocabulary_condition
from creneau.catalog.text import normalise

# "10e", "10eme", "10ème", "1er", "1ere", "3ieme": an arrondissement's number.
_ORDINAL = re.compile(r"^(\d{1,2})(?:e|er|ere|eme|em|ieme|ième|th|st|nd|rd)$")
_NUMBER = re.compile(r"^\d{1,2}$")
_POSTCODE = re.compile(r"^\d{5}$")
_DEPARTMENT = re.compile(r"^(?:\d{2}|2a|2b)$")
MAX_WORDS = 12
MAX_TEXT_TERMS = 6
MAX_CITY_WORDS = 4  # "saint remy de provence"


@dataclass(frozen=True)
class Place:
    """Where: a city (its slug), optionally narrowed to postcodes, or a postcode prefix."""

    city_slug: str = ""
    city: str = ""
    postcodes: tuple[str, ...] = ()
    postcode_prefix: str = ""
    arrondissement: int | None = None

    @property
    def label(self) -> str:
        """ "Paris 10e", "Lyon", "75011", "69"."""
        if self.arrondissement is not None:
            suffix = "er" if self.arrondissement == 1 else "e"
            return f"{self.city} {self.arrondissement}{suffix}"
        if self.city and self.postcodes:
            return f"{self.city} ({', '.join(self.postcodes)})"
        return self.city or ", ".join(self.postcodes) or self.postcode_prefix


@dataclass(frozen=True)
class Correction:
    typed: str
    read_as: str


@dataclass
class Understanding:
    """What a line was read as. `words` must each be found in a salon's name or services."""

    category: str = ""
    category_word: str = ""  # as typed (folded): "barbier", "nail bar"
    also_service: str = ""  # a type word that is also a service ("manucure")
    place: Place | None = None
    words: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)  # "salon": ranks, does not filter
    corrections: list[Correction] = field(default_factory=list)
    # The line without its place, to rank salons whose name is what was typed first.
    phrase: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.category or self.place or self.words)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters is one typo), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_limit(word: str) -> int:
    """How many typos a word of this length may carry and still be recognised."""
    if len(word) < 4 or word.isdigit():
        return 0
    return 1 if len(word) < 8 else 2


def _closest(word: str, candidates: list[str]) -> tuple[int, str] | None:
    limit = typo_limit(word)
    # Ties go to the earlier candidate: the lexicon lists French words first.
    best: tuple[int, str] | None = None
    for candidate in candidates:
        if abs(len(candidate) - len(word)) > limit:
            continue
        distance = _edit_distance(word, candidate, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best


def _arrondissement(city_slug: str, number: int) -> tuple[str, ...] | None:
    return lexicon.ARRONDISSEMENTS.get(city_slug, {}).get(number)


class _Reader:
    def __init__(self, line: str) -> None:
        self.tokens: list[str | None] = list(normalise(line).split()[:MAX_WORDS])
        self.original = list(self.tokens)
        self.place_indexes: set[int] = set()
        self.result = Understanding()

    def take(self, start: int, length: int) -> None:
        for index in range(start, start + length):
            self.tokens[index] = None

    def runs(self, length: int) -> list[tuple[int, str]]:
        """Consecutive untaken tokens, `length` at a time: (start, joined)."""
        found = []
        for start in range(len(self.tokens) - length + 1):
            window = self.tokens[start : start + length]
            if all(token is not None for token in window):
                found.append((start, " ".join(t for t in window if t is not None)))
        return found

    def set_category(self, category: str, word: str) -> None:
        if not self.result.category:
            self.result.category = category
            self.result.category_word = word
            if word in lexicon.ALSO_SERVICE_WORDS:
                self.result.also_service = word


def search_line_read(line: str) -> Understanding:
    """Split a typed line into type, place and words, as `Understanding`.

    Order of reading: type phrases ("nail bar"), cities (several words first: "saint
    etienne"), postcodes and arrondissements ("75010", "paris 10", "10e", "1er"), type words,
    glue words ("à", "près de"), then every other word is looked up in the vocabulary; a word
    found nowhere is replaced by the closest type, city or word within `typo_limit` typos
    ("coifeur", "marseile", "balyage"), or kept as it is. A number after Paris, Lyon or
    Marseille is its arrondissement; an arrondissement without a city is in Paris.
    """
    reader = _Reader(line)
    result = reader.result
    tokens = reader.tokens
    if not tokens:
        return result

    for length in (3, 2):
        for start, phrase in reader.runs(length):
            if phrase in lexicon.CATEGORY_PHRASES and tokens[start] is not None:
                reader.set_category(lexicon.CATEGORY_PHRASES[phrase], phrase)
                reader.take(start, length)

    # Everything that is not a known type, glue or number may be a city or an indexed word.
    static = set(lexicon.CATEGORY_WORDS) | lexicon.GLUE_WORDS | lexicon.GENERIC_WORDS
    unknown = [t for t in tokens if t is not None and t not in static and not t.isdigit()]
    city_terms: dict[str, tuple[str, str]] = {}
    word_terms: set[str] = set()
    if unknown:
        candidates = {
            phrase for length in range(1, MAX_CITY_WORDS + 1) for _, phrase in reader.runs(length)
        }
        for term, kind, slug, city in SearchTerm.objects.filter(term__in=candidates).values_list(
            "term", "kind", "city_slug", "city"
        ):
            if kind == SearchTerm.Kind.CITY:
                city_terms[term] = (slug, city)
            else:
                word_terms.add(term)

    # Cities, longest first, then numbers that belong to them.
    for length in range(MAX_CITY_WORDS, 0, -1):
        for start, phrase in reader.runs(length):
            if phrase in city_terms and result.place is None and tokens[start] is not None:
                slug, city = city_terms[phrase]
                result.place = Place(city_slug=slug, city=city)
                reader.take(start, length)
                reader.place_indexes.update(range(start, start + length))
    _read_numbers(reader)

    for index, token in enumerate(tokens):
        if token is None:
            continue
        if token in lexicon.CATEGORY_WORDS and not result.category:
            reader.set_category(lexicon.CATEGORY_WORDS[token], token)
        elif token in lexicon.GLUE_WORDS or token in lexicon.CATEGORY_WORDS:
            pass
        elif token in lexicon.GENERIC_WORDS:
            result.generic.append(token)
        else:
            continue
        tokens[index] = None

    leftover = [t for t in tokens if t is not None]
    result.phrase = " ".join(
        t for i, t in enumerate(reader.original) if t and i not in reader.place_indexes
    )
    misses = [t for t in leftover if t not in word_terms and typo_limit(t)]
    known_inside: set[str] = set()
    vocabulary: list[tuple[str, str, str, str]] = []
    if misses:
        # A word inside an indexed word ("coup" in "coupe") is a fair search as it is; other
        # misses are compared with their lookalikes among the indexed words.
        condition = Q()
        for miss in misses:
            condition |= vocabulary_condition(miss, typo_limit(miss))
        vocabulary = list(
            SearchTerm.objects.annotate(length=Length("term"))
            .filter(condition)
            .values_list("term", "kind", "city_slug", "city")[:5000]
        )
        known_inside = {m for m in misses if any(m in row[0] for row in vocabulary)}

    for token in leftover:
        if result.place is None and token not in word_terms and typo_limit(token):
            # "strasbour", "bordeau": the start of a city's name is that city.
            starts = sorted(
                (len(row[0]), row[0], row[2], row[3])
                for row in vocabulary
                if row[1] == SearchTerm.Kind.CITY and row[0].startswith(token)
            )
            if starts:
                _, read_as, slug, city = starts[0]
                result.corrections.append(Correction(typed=token, read_as=read_as))
                result.place = Place(city_slug=slug, city=city)
                continue
        if token in word_terms or token in known_inside or not typo_limit(token):
            result.words.append(token)
            continue
        options: list[tuple[int, int, str, str]] = []  # distance, preference, kind, read as
        if not result.category:
            found = _closest(token, list(lexicon.CATEGORY_WORDS))
            if found:
                options.append((found[0], 0, "category", found[1]))
        if result.place is None:
            cities = [row[0] for row in vocabulary if row[1] == SearchTerm.Kind.CITY]
            found = _closest(token, cities)
            if found:
                options.append((found[0], 1, "city", found[1]))
        words = [row[0] for row in vocabulary if row[1] == SearchTerm.Kind.WORD]
        found = _closest(token, words)
        if found:
            options.append((found[0], 2, "word", found[1]))
        if not options:
            result.words.append(token)
            continue
        _, _, kind, read_as = min(options)
        result.corrections.append(Correction(typed=token, read_as=read_as))
        if kind == "category":
            reader.set_category(lexicon.CATEGORY_WORDS[read_as], read_as)
        elif kind == "city":
            slug, city = next(
                (r[2], r[3]) for r in vocabulary if r[0] == read_as and r[1] == "city"
            )
            result.place = Place(city_slug=slug, city=city)
        else:
            result.words.append(read_as)
    result.words = list(dict.fromkeys(result.words))[:MAX_TEXT_TERMS]
    return result


def _read_numbers(reader: _Reader) -> None:
    """Postcodes, departments and arrondissements among the tokens not yet read."""
    result = reader.result
    tokens = reader.tokens
    for index, token in enumerate(tokens):
        if token is None:
            continue
        after_city = index > 0 and tokens[index - 1] is None and result.place is not None
        ordinal = _ORDINAL.match(token)
        number = int(ordinal.group(1)) if ordinal else None
        if number is None and _NUMBER.match(token) and after_city:
            number = int(token)
        if number is not None and (result.place is None or result.place.city_slug):
            city_slug = result.place.city_slug if result.place else "paris"
            postcodes = _arrondissement(city_slug, number)
            if postcodes is not None and (result.place is None or not result.place.postcodes):
                city = result.place.city if result.place else "Paris"
                result.place = Place(
                    city_slug=city_slug, city=city, postcodes=postcodes, arrondissement=number
                )
                tokens[index] = None
                reader.place_indexes.add(index)
                continue
        if _POSTCODE.match(token) and (result.place is None or not result.place.postcodes):
            if result.place is None:
                result.place = Place(postcodes=(token,))
            else:
                result.place = Place(
                    city_slug=result.place.city_slug, city=result.place.city, postcodes=(token,)
                )
            tokens[index] = None
            reader.place_indexes.add(index)
        elif _DEPARTMENT.match(token) and result.place is None:
            result.place = Place(postcode_prefix=token)
            tokens[index] = None
            reader.place_indexes.add(index)
