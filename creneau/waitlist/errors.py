"""Errors of the waitlist: each carries a stable code and a message for the person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creneau.errors import DomainError


class WaitlistError(DomainError):
    code = "waitlist_error"
    status = 422
    default_message = _("This waitlist request could not be carried out.")


class InvalidEntry(WaitlistError):
    code = "invalid_entry"


class EntryNotFound(WaitlistError):
    code = "not_found"
    status = 404
    default_message = _("This waitlist entry does not exist.")


class OfferExpired(WaitlistError):
    code = "offer_expired"
    status = 409
    default_message = _(
        "This offer has expired: the time was held for you for a limited while and has been "
        "offered to the next person. You are still on the waitlist."
    )


class OfferTaken(WaitlistError):
    code = "offer_taken"
    status = 409
    default_message = _(
        "Someone booked this time just before you. You are still on the waitlist and will be "
        "told of the next free time."
    )
