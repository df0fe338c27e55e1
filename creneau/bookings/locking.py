"""The one way a booking takes a slot (docs/locking.md): one transaction, lock what is used,
re-check the slot, write; a database that keeps refusing is "busy", never a server error.

`slot_locked` opens the transaction, locks the staff rows and re-checks availability;
`with_retries` runs the whole attempt again when the database asks for it (deadlock,
serialization failure, lock timeout, SQLite's "database is locked") and turns the last refusal
into `Busy`. Customers' bookings, moves and the salon's own bookings all go through both.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.db import OperationalError, connection, transaction

from creneau.bookings.availability import availability_for
from creneau.bookings.errors import Busy, SlotTaken
from creneau.catalog.models import Business, Service, StaffMember

T = TypeVar("T")

# PostgreSQL: deadlock_detected, serialization_failure, lock_not_available.
_RETRYABLE_PGCODES = {"40P01", "40001", "55P03"}
_ATTEMPTS = 4
_UTC = ZoneInfo("UTC")


def with_retries(operation: Callable[[], T]) -> T:
    """Run a transaction again when the database asks for it; `Busy` when it keeps failing."""
    for attempt in range(_ATTEMPTS):
        try:
            return operation()
        except OperationalError as error:
            pgcode = getattr(getattr(error, "__cause__", None), "sqlstate", None)
            locked = "database is locked" in str(error)
            if pgcode not in _RETRYABLE_PGCODES and not locked:
                raise
            if attempt == _ATTEMPTS - 1:
                raise Busy() from error
            _time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _lock_staff(ids: Sequence[int]) -> None:
    """Lock staff rows in id order (a fixed order, so two transactions cannot deadlock).

    On SQLite the IMMEDIATE transaction already holds the database's write lock.
    """
    if connection.vendor == "postgresql" and ids:
        list(StaffMember.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


@contextmanager
def slot_locked(
    *,
    business: Business,
    services: Sequence[Service],
    start: datetime,
    staff: StaffMember | None,
    now: datetime,
    exclude_booking_id: int | None = None,
) -> Iterator[list[int]]:
    """Inside a new transaction, with `staff` (or, for "anyone", every active staff member of
    the salon) locked: the ids of the staff members free at `start` for `services`, computed by
    the same engine as the slot pages (`now` is the instant the minimum notice counts from;
    `exclude_booking_id` is a booking being moved, whose own time counts as free). Raises
    SlotTaken when nobody is free. The caller writes inside the `with` block; leaving it by an
    exception rolls everything back.
    """
    with transaction.atomic():
        if staff is not None:
            _lock_staff([staff.pk])
        else:
            _lock_staff(
                list(
                    StaffMember.objects.filter(business=business, is_active=True).values_list(
                        "pk", flat=True
                    )
                )
            )
        day = start.astimezone(ZoneInfo(business.timezone)).date()
        availability = availability_for(
            business=business,
            services=services,
            start_date=day,
            end_date=day,
            now=now,
            staff=staff,
            exclude_booking_id=exclude_booking_id,
        )
        free = dict(availability.slots).get(start.astimezone(_UTC))
        if not free:
            raise SlotTaken()
        yield list(free)
