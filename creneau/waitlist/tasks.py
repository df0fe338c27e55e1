"""The waitlist's task: a salon's offers, run by the worker after a change (ids only)."""

from __future__ import annotations

from django_tasks import task


@task()
def waitlist_check(business_pk: int) -> int:
    """Offer the salon's freed times to its waiting customers, in join order."""
    from creneau.catalog.models import Business
    from creneau.waitlist.services import waitlist_offers_make

    business = Business.objects.filter(pk=business_pk).first()
    if business is None:
        return 0
    return waitlist_offers_make(business=business)
