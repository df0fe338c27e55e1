"""Writes to the catalogue that other code must not redo by hand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from creneau.catalog.models import Business, Service
from creneau.catalog.text import normalise

# SQLite caps the number of variables in one statement; stay well under it.
_BATCH = 500


def business_search_fields(*, name: str, city: str, service_names: Iterable[str]) -> dict[str, str]:
    """The normalised search columns of a salon, from its name, city and service names."""
    words = [name, city, *sorted(set(service_names))]
    return {
        "search_name": normalise(name)[:120],
        "search_text": " | ".join(normalise(w) for w in words if w),
    }


def business_reindex(*, business_ids: Iterable[int]) -> int:
    """Recompute `search_name` and `search_text` of the given salons; return how many were written.

    Call it after writing a salon's name or city, or any of its services (the text search looks
    at salon names and the names of their bookable services). Works in batches, so it is fit for
    the 10,000 salons of a benchmark data set as well as for one salon edited in the admin.
    """
    ids = sorted(set(business_ids))
    written = 0
    for offset in range(0, len(ids), _BATCH):
        batch = ids[offset : offset + _BATCH]
        names: dict[int, list[str]] = defaultdict(list)
        for business_id, service_name in Service.objects.filter(
            business_id__in=batch, is_active=True
        ).values_list("business_id", "name"):
            names[business_id].append(service_name)
        businesses = list(Business.objects.filter(pk__in=batch).only("pk", "name", "city"))
        for business in businesses:
            fields = business_search_fields(
                name=business.name, city=business.city, service_names=names[business.pk]
            )
            business.search_name = fields["search_name"]
            business.search_text = fields["search_text"]
        with transaction.atomic():
            Business.objects.bulk_update(businesses, ["search_name", "search_text"])
        written += len(businesses)
    return written


def business_unique_slug(*, name: str, city: str, exclude_pk: int | None = None) -> str:
    """A free slug for a salon: its name, then its name and city, then a number."""
    base = slugify(name)[:100] or "salon"
    candidates = [base, f"{base}-{slugify(city)}"[:130]]
    taken = Business.objects.exclude(pk=exclude_pk)
    for candidate in candidates:
        if not taken.filter(slug=candidate).exists():
            return candidate
    number = 2
    while taken.filter(slug=f"{candidates[1]}-{number}").exists():
        number += 1
    return f"{candidates[1]}-{number}"


def business_save(*, business: Business) -> Business:
    """Save a salon edited through a form and keep its derived columns right.

    The city slug always follows the city; a missing slug is chosen from the name; the search
    columns are recomputed from the name, the city and the salon's bookable services.
    """
    business.city_slug = slugify(business.city)[:100]
    if not business.slug:
        business.slug = business_unique_slug(
            name=business.name, city=business.city, exclude_pk=business.pk
        )
    service_names: list[str] = []
    if business.pk is not None:
        service_names = list(
            Service.objects.filter(business_id=business.pk, is_active=True).values_list(
                "name", flat=True
            )
        )
    fields = business_search_fields(
        name=business.name, city=business.city, service_names=service_names
    )
    business.search_name = fields["search_name"]
    business.search_text = fields["search_text"]
    business.save()
    return business
