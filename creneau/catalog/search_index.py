"""The search vocabulary (`SearchTerm`): every folded word of the published salons' search
text, and every city, kept beside the salons' derived columns.

Reading a search line needs to know which of its words are cities and what a mistyped word
most likely meant; both are answered from this small table (a few thousand rows for 10,000
salons) with an indexed lookup (on PostgreSQL also by trigram similarity: search_match).
Words are only added as salons are saved or reindexed; `search_terms_rebuild` also drops the
words no published salon uses any more (the demo loader and the bench call it).
"""

from __future__ import annotations

from collections.abc import Iterable

from creneau.catalog.models import Business, SearchTerm
from creneau.catalog.text import normalise

_BATCH = 500


def _terms(rows: Iterable[tuple[str, str, str]]) -> list[SearchTerm]:
    words: set[str] = set()
    cities: dict[str, tuple[str, str]] = {}
    for search_text, city, city_slug in rows:
        words.update(word for word in search_text.split() if len(word) <= 120)
        folded = normalise(city)
        if folded and city_slug:
            cities.setdefault(folded, (city_slug, city))
    return [SearchTerm(term=word, kind=SearchTerm.Kind.WORD) for word in sorted(words)] + [
        SearchTerm(term=folded, kind=SearchTerm.Kind.CITY, city_slug=slug, city=city)
        for folded, (slug, city) in sorted(cities.items())
    ]


def search_terms_add(*, business_ids: Iterable[int]) -> None:
    """Add the words and city of these salons (published ones) to the vocabulary."""
    ids = list(business_ids)
    for offset in range(0, len(ids), _BATCH):
        rows = Business.objects.filter(
            pk__in=ids[offset : offset + _BATCH], is_active=True
        ).values_list("search_text", "city", "city_slug")
        SearchTerm.objects.bulk_create(_terms(rows), ignore_conflicts=True, batch_size=_BATCH)


def search_terms_rebuild() -> int:
    """Rebuild the vocabulary from every published salon; return its number of terms."""
    rows = (
        Business.objects.filter(is_active=True)
        .values_list("search_text", "city", "city_slug")
        .iterator(chunk_size=2000)
    )
    terms = _terms(rows)
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(terms, batch_size=_BATCH)
    return len(terms)
