"""Writes to the catalogue that other code must not redo by hand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from creneau.catalog.models import Business, Service
from creneau.catalog.search_index import search_terms_add
from creneau.catalog.text import normalise

# SQLite caps the number of variables in one statement; stay well under it.
_BATCH = 500


def business_derived_fields(
    *, name: str, city: str, services: Iterable[tuple[str, Decimal]]
) -> dict[str, Any]:
    """The derived columns of a salon from its name, city and bookable (name, price) services.

    `search_text` holds each normalised word once (name, city, then service names): the search
    matches word by word, so repeats would only make every scan longer. `price_from` ignores
    free services: a free consultation is not what "from 25 €" means.
    """
    services = list(services)
    words = normalise(" ".join([name, city, *(service_name for service_name, _ in services)]))
    paid = [price for _, price in services if price > 0]
    return {
        "search_name": normalise(name)[:120],
        "search_text": " ".join(dict.fromkeys(words.split())),
        "price_from": min(paid) if paid else None,
        "service_count": len(services),
    }


DERIVED_FIELDS = ["search_name", "search_text", "price_from", "service_count"]


def _bookable_services(business_ids: list[int]) -> dict[int, list[tuple[str, Decimal]]]:
    services: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    rows = (
        Service.objects.filter(business_id__in=business_ids, is_active=True)
        .order_by("position", "pk")
        .values_list("business_id", "name", "price")
    )
    for business_id, name, price in rows:
        services[business_id].append((name, price))
    return services


def business_reindex(*, business_ids: Iterable[int]) -> int:
    """Recompute the derived columns of the given salons; return how many were written.

    Call it after writing a salon's name or city, or any of its services (added, renamed,
    repriced, made bookable or not, deleted). Works in batches, so it is fit for the 10,000
    salons of a benchmark data set as well as for one salon edited in the admin.
    """
    ids = sorted(set(business_ids))
    written = 0
    for offset in range(0, len(ids), _BATCH):
        batch = ids[offset : offset + _BATCH]
        services = _bookable_services(batch)
        businesses = list(Business.objects.filter(pk__in=batch).only("pk", "name", "city"))
        for business in businesses:
            fields = business_derived_fields(
                name=business.name, city=business.city, services=services[business.pk]
            )
            for attribute, value in fields.items():
                setattr(business, attribute, value)
        with transaction.atomic():
            Business.objects.bulk_update(businesses, DERIVED_FIELDS)
            search_terms_add(business_ids=[business.pk for business in businesses])
        written += len(businesses)
    return written


def business_unique_slug(*, name: str, city: str, exclude_pk: int | None = None) -> str:
    """A free slug for a salon: its name, then its name and city, then a number."""
    base = slugify(name)[:100] or "salon"
    candidates = [base, f"{base}-{slugify(city)}"[:130]]
    taken = Business.objects.exclude(pk=exclude_pk)  # type: ignore[misc]  # django-stubs: pk=None is IS NULL, excluding no row
    for candidate in candidates:
        if not taken.filter(slug=candidate).exists():
            return candidate
    number = 2
    while taken.filter(slug=f"{candidates[1]}-{number}").exists():
        number += 1
    return f"{candidates[1]}-{number}"


def business_save(*, business: Business) -> Business:
    """Save a salon edited through a form and keep its derived columns right.

    The city slug always follows the city; a missing slug is chosen from the name; the derived
    columns are recomputed from the name, the city and the salon's bookable services.
    """
    business.city_slug = slugify(business.city)[:100]
    if not business.slug:
        business.slug = business_unique_slug(
            name=business.name, city=business.city, exclude_pk=business.pk
        )
    services = _bookable_services([business.pk]).get(business.pk, []) if business.pk else []
    fields = business_derived_fields(name=business.name, city=business.city, services=services)
    for attribute, value in fields.items():
        setattr(business, attribute, value)
    business.save()
    search_terms_add(business_ids=[business.pk])
    return business
