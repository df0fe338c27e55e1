"""Each salon's `public_version`: a counter that changes whenever what its public pages show
may have changed, so a rendered page can be reused until then (`creneau.web.page_cache`).

What the salon page and the slot picker show comes from the salon, its categories, services,
staff, working hours, time off, closures and bookings. Saving or deleting any of these rows
through the ORM bumps the counter (signals below; bookings connect theirs in their app), and
the few bulk UPDATEs that change bookings call `public_pages_changed` themselves.

The bump runs after the transaction commits, as its own one-row UPDATE: no lock on the salon
row is held while a booking is being made (docs/locking.md), and a page rendered from
uncommitted-then-rolled-back data is never kept. A page rendered between the commit and the
bump is kept under the old number, which nobody asks for once the bump lands. Should a process
die in between, the page cache's own expiry (a minute) bounds how long a page stays stale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from creneau.catalog.models import (
    Business,
    Closure,
    PublicPagesVersion,
    Service,
    ServiceCategory,
    StaffMember,
    TimeOff,
    WorkingHours,
)

logger = logging.getLogger("creneau.catalog")

# Extension point: apps above this one (a waitlist) that must learn when a salon's free times
# may have changed, without this app or `bookings` importing them. Filled from their
# AppConfig.ready(); see `availability_changed_listen`.
_listeners: dict[str, Callable[[int], object]] = {}


def availability_changed_listen(name: str, listener: Callable[[int], object]) -> None:
    """Call `listener(business_id)` after each commit that may have changed the salon's free
    times: a booking cancelled, moved or made, time off or hours changed, a closure removed.
    It runs after the commit, so it sees the change; it must be cheap (queue a task) and may
    be called for changes that freed nothing. A listener that raises is logged, not fatal.
    Registering a name again replaces the listener."""
    _listeners[name] = listener


def _tell_listeners(*, business_id: int | None, staff_id: int | None) -> None:
    if not _listeners:
        return
    if business_id is None:
        business_id = (
            StaffMember.objects.filter(pk=staff_id).values_list("business_id", flat=True).first()
            if staff_id is not None
            else None
        )
        if business_id is None:
            return
    for name, listener in list(_listeners.items()):
        try:
            listener(business_id)
        except Exception:
            logger.exception("availability listener %s failed", name)


def _bump(*, business_id: int | None = None, staff_id: int | None = None) -> None:
    if business_id is not None:
        rows = Business.objects.filter(pk=business_id)
    else:
        assert staff_id is not None  # public_pages_changed refuses neither
        rows = Business.objects.filter(
            pk__in=StaffMember.objects.filter(pk=staff_id).values("business_id")
        )
    rows.update(public_version=F("public_version") + 1)
    _bump_search()


def _bump_search() -> None:
    if not PublicPagesVersion.objects.filter(pk=1).update(version=F("version") + 1):
        # The row the migration made is gone (a flushed test database): make it again.
        PublicPagesVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def search_version() -> int:
    """A number that changes after any change to any salon's public pages, read in one
    primary-key lookup: part of the key of a kept search results page (web.page_cache)."""
    return PublicPagesVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def search_pages_changed() -> None:
    """Mark every kept search results page as out of date once the current transaction
    commits (an availability summary rewritten: the free times the cards show)."""
    transaction.on_commit(_bump_search)


def public_pages_changed(*, business_id: int | None = None, staff_id: int | None = None) -> None:
    """Mark the public pages of a salon (given directly or through one of its staff) as
    changed, once the current transaction commits (at once outside a transaction)."""
    if business_id is None and staff_id is None:
        raise ValueError("A salon or a staff member is needed.")
    transaction.on_commit(lambda: _bump(business_id=business_id, staff_id=staff_id))
    transaction.on_commit(
        lambda: _tell_listeners(business_id=business_id, staff_id=staff_id), robust=True
    )


def _business_changed(sender: type, instance: Business, **kwargs: Any) -> None:
    public_pages_changed(business_id=instance.pk)


def _business_row_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    public_pages_changed(business_id=instance.business_id)


def _staff_row_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    public_pages_changed(staff_id=instance.staff_id)


def _performers_changed(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    # `instance` is the service or, changed from the other side, the staff member: both
    # belong to the salon whose pages change.
    if action.startswith("post_"):
        public_pages_changed(business_id=instance.business_id)


def connect() -> None:
    """Called once from the catalog app's `ready()`."""
    uid = "catalog.freshness"
    post_save.connect(_business_changed, sender=Business, dispatch_uid=f"{uid}.business.save")
    post_delete.connect(_business_changed, sender=Business, dispatch_uid=f"{uid}.business.del")
    model: type[Model]
    for model in (ServiceCategory, StaffMember, Service, Closure):
        name = model._meta.model_name
        post_save.connect(_business_row_changed, sender=model, dispatch_uid=f"{uid}.{name}.save")
        post_delete.connect(_business_row_changed, sender=model, dispatch_uid=f"{uid}.{name}.del")
    for model in (WorkingHours, TimeOff):
        name = model._meta.model_name
        post_save.connect(_staff_row_changed, sender=model, dispatch_uid=f"{uid}.{name}.save")
        post_delete.connect(_staff_row_changed, sender=model, dispatch_uid=f"{uid}.{name}.del")
    m2m_changed.connect(
        _performers_changed, sender=Service.staff.through, dispatch_uid=f"{uid}.performers"
    )
