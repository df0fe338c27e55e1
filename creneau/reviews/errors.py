"""Errors of the reviews domain: each carries a stable code and a message for the person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creneau.errors import DomainError


class ReviewError(DomainError):
    code = "review_error"
    status = 422
    default_message = _("This review could not be saved.")


class ReviewRefused(ReviewError):
    code = "review_refused"
    default_message = _("Only a visit you came to can be reviewed, once, within 30 days.")


class ReviewNotFound(ReviewError):
    code = "not_found"
    status = 404
    default_message = _("This review does not exist.")


class ReplyRefused(ReviewError):
    code = "reply_refused"
    status = 409
    default_message = _("This review already has the salon's reply.")
