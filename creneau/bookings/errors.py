"""Errors of the booking domain. Each carries a stable code (used by the API's problem types)
and a message meant for the customer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class BookingError(Exception):
    code = "booking_error"
    default_message = _("This booking could not be made.")

    def __init__(self, message: object | None = None) -> None:
        self.message = message if message is not None else self.default_message
        super().__init__(str(self.message))


class SlotTaken(BookingError):
    code = "slot_taken"
    default_message = _("This slot has just been taken. Please choose another time.")


class SlotUnavailable(BookingError):
    code = "slot_unavailable"
    default_message = _("This time is not available for booking. Please choose another time.")


class DeadlinePassed(BookingError):
    code = "deadline_passed"
    default_message = _("It is too late to change this booking online. Please call the salon.")


class NotVerified(BookingError):
    code = "not_verified"
    default_message = _("Please confirm your e-mail address before booking.")


class InvalidBooking(BookingError):
    code = "invalid"
    default_message = _("This booking request is not valid.")


class BookingNotFound(BookingError):
    code = "not_found"
    default_message = _("This booking does not exist.")


class Busy(BookingError):
    code = "busy"
    default_message = _("The service is busy. Please try again in a moment.")


class IdempotencyKeyReused(BookingError):
    """The idempotency key of a booking already made came with a different request (another
    salon, time, services or staff member): nothing is booked and the booking is not shown."""

    code = "idempotency_key_reused"
    status = 422
    default_message = _(
        "This booking form was already used for another booking. Please choose your time again."
    )
