"""The bookings app's additions to the platform admin: outbox messages can be found by the
reference of the booking they are about."""

from __future__ import annotations

from creneau.notifications.admin import admin_search_register

admin_search_register("=booking__reference")
