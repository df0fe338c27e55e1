"""The matching step of the search, the one part that differs between the two engines.

Reading the line (`understanding`) and building the criteria (`search`) are the same on both;
only how "every word is in the salon's text" and "which indexed words look like this typo" are
asked of the database changes:

- PostgreSQL: full-text search over `search_text` with French stemming and unaccent (the
  `creneau_french` configuration and its GIN expression index, catalog migration 0010), each
  word as a prefix of a stemmed word; the vocabulary's typo candidates also by trigram
  similarity (`pg_trgm`, its GIN index on the vocabulary).
- SQLite: each word inside the folded search text (`LIKE '%word%'`), and the vocabulary's
  candidates by first letter and length.

Both find a word typed whole, in the plural or as the start of a longer word ("coup", "coupes"
and "coupe" all find "Coupe homme"), so the table of lines in tests/search expects the same
salons on both.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

# Must stay the expression of the index made by catalog migration 0010.
_VECTOR = 'to_tsvector(\'creneau_french\'::regconfig, "catalog_business"."search_text")'
_QUERY = "to_tsquery('creneau_french'::regconfig, %s)"


def full_text() -> bool:
    """Whether the database matches words by full-text search (PostgreSQL)."""
    return connection.vendor == "postgresql"


def words_condition(words: list[str]) -> Q | RawSQL:
    """The condition "every word is in the salon's search text", for `Business` rows.

    Words are folded (`catalog.text.normalise`: [0-9a-z] only), so they are safe inside a
    `to_tsquery` expression as they are."""
    if not words:
        return Q()
    if not full_text():
        condition = Q()
        for word in words:
            condition &= Q(search_text__contains=word)
        return condition
    query = " & ".join(f"{word}:*" for word in words)
    # Constant SQL; the words go in as a parameter.
    return RawSQL(f"{_VECTOR} @@ {_QUERY}", (query,), output_field=BooleanField())  # noqa: S611


def vocabulary_condition(miss: str, limit: int) -> Q:
    """Which `SearchTerm` rows may be what a word found nowhere meant (its lookalikes), or
    hold it ("coup" in "coupe"). The closest is chosen in Python (`understanding`), the same
    way on both engines."""
    inside = Q(term__contains=miss)
    by_shape = Q(
        term__startswith=miss[0],
        length__gte=len(miss) - limit,
        length__lte=len(miss) + limit,
    )
    if not full_text():
        return inside | by_shape
    # Trigrams alone say little about short words ("lyno" and "lyon" share two of eight), so
    # they add candidates (a typo in the first letter: "xoiffeur") rather than replace them.
    return inside | by_shape | Q(term__trigram_similar=miss)
