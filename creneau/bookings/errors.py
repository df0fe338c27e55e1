"""Errors of the booking domain. Each carries a stable code (the API's problem type), the
status the API answers with and a message meant for the customer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creneau.errors import DomainError


class BookingError(DomainError):
    code = "booking_error"
    status = 422
    default_message = _("This booking could not be made.")


class SlotTaken(BookingError):
    code = "slot_taken"
    status = 409
    default_message = _("This slot has just been taken. Please choose another time.")


class SlotUnavailable(BookingError):
    code = "slot_unavailable"
    status = 422
    default_message = _("This time is not available for booking. Please choose another time.")


class DeadlinePassed(BookingError):
    code = "deadline_passed"
    status = 409
    default_message = _("It is too late to change this booking online. Please call the salon.")


class NotVerified(BookingError):
    code = "not_verified"
    status = 403
    default_message = _("Please confirm your e-mail address before booking.")


class InvalidBooking(BookingError):
    code = "invalid_booking"
    status = 422
    default_message = _("This booking request is not valid.")


class BookingNotFound(BookingError):
    code = "not_found"
    status = 404
    default_message = _("This booking does not exist.")


class Busy(BookingError):
    code = "busy"
    status = 503
    default_message = _("The service is busy. Please try again in a moment.")


class IdempotencyKeyReused(BookingError):
    """The idempotency key of a booking already made came with a different request (another
    salon, time, services or staff member): nothing is booked and the booking is not shown."""

    code = "idempotency_key_reused"
    status = 422
    default_message = _(
        "This booking form was already used for another booking. Please choose your time again."
    )
