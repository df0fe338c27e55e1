"""Errors of the API as RFC 9457 problem details (`application/problem+json`).

Every error answer has a `type` URI that never changes for a given kind of error
(`<SITE_URL>/api/v1/problems/<slug>`, a page a person can read), the HTTP `status`, a short
`title`, a `detail` for this occurrence, the `instance` (the request's path) and a `code`, the
same slug in snake case (`slot_taken`) that the booking domain uses, so an app can switch on
it without parsing URIs. A validation error adds `errors`: one entry per field.

The handlers here are installed on the NinjaAPI (`install_problem_handlers`): nothing the API
answers with an error escapes this format, and an unexpected exception becomes a
"server-error" problem, logged with its traceback, never shown to the client.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from creneau.errors import DomainError

if TYPE_CHECKING:
    from ninja import NinjaAPI
    from ninja.main import ExcHandler

logger = logging.getLogger("creneau.api")

MEDIA_TYPE = "application/problem+json"


@dataclass(frozen=True)
class ProblemType:
    slug: str
    status: int
    title: Promise
    description: Promise

    @property
    def code(self) -> str:
        return self.slug.replace("-", "_")

    @property
    def uri(self) -> str:
        return f"{settings.SITE_URL}/api/v1/problems/{self.slug}"


_TYPES = [
    ProblemType(
        "validation-error",
        422,
        _("The request is not valid"),
        _(
            "A parameter or a field of the body is missing or wrong. The `errors` member lists "
            "each one: `field` (where it is, e.g. `body.start` or `query.service`), `message` "
            "and `code`. Correct the request before sending it again."
        ),
    ),
    ProblemType(
        "not-authenticated",
        401,
        _("Authentication is needed"),
        _(
            "This resource belongs to a customer. Log in through the app authentication API and "
            "send the session token in the `X-Session-Token` header."
        ),
    ),
    ProblemType(
        "forbidden",
        403,
        _("This request is refused"),
        _(
            "A browser session needs the CSRF token (`X-CSRFToken` header) for every change. "
            "Apps use the `X-Session-Token` header instead and are not concerned."
        ),
    ),
    ProblemType(
        "not-found",
        404,
        _("Not found"),
        _(
            "Nothing exists at this address for you: an unknown salon, or a booking that does "
            "not exist or belongs to someone else (the API does not tell which)."
        ),
    ),
    ProblemType(
        "slot-taken",
        409,
        _("This slot has just been taken"),
        _(
            "Someone booked this time a moment before you. Ask for the availability again and "
            "choose another time; nothing was booked."
        ),
    ),
    ProblemType(
        "slot-unavailable",
        422,
        _("This time cannot be booked"),
        _(
            "The time is not one the salon offers: outside its hours, too soon (minimum notice) "
            "or too far ahead (booking horizon). Choose a time from the availability."
        ),
    ),
    ProblemType(
        "deadline-passed",
        409,
        _("Too late to change this booking"),
        _(
            "The salon's deadline for cancelling or moving a booking online has passed (for "
            "example 24 hours before). The customer can still call the salon."
        ),
    ),
    ProblemType(
        "not-verified",
        403,
        _("E-mail address not confirmed"),
        _(
            "Bookings need a confirmed e-mail address. Confirm it with the link or key sent at "
            "sign-up, or ask for a new e-mail."
        ),
    ),
    ProblemType(
        "invalid-booking",
        422,
        _("This booking request is not valid"),
        _(
            "The request cannot be carried out as asked: a service that is not offered by this "
            "salon, a staff member who does not work there, or a booking that is no longer "
            "active. `detail` says which."
        ),
    ),
    ProblemType(
        "idempotency-key-reused",
        422,
        _("This Idempotency-Key was used for another booking"),
        _(
            "A booking request carries a key of the app's choosing; sending the same key again "
            "returns the booking already made. This key was already used for a different "
            "booking (another salon, time, services or staff member): use a new key for a new "
            "booking."
        ),
    ),
    ProblemType(
        "reauthentication-required",
        403,
        _("Confirm your password first"),
        _(
            "Deleting the account needs a fresh proof that it is you: send the password to "
            "`POST /_allauth/app/v1/auth/reauthenticate` (with the same session token), then "
            "repeat the request within five minutes."
        ),
    ),
    ProblemType(
        "erasure-refused",
        409,
        _("This account cannot be deleted from here"),
        _(
            "The account belongs to a salon's team or to platform staff; `detail` says what to "
            "do first. Customer accounts can always be deleted."
        ),
    ),
    ProblemType(
        "rate-limited",
        429,
        _("Too many requests"),
        _(
            "Slow down: this kind of request is limited per customer (or per address when not "
            "logged in). The `Retry-After` header says how many seconds to wait."
        ),
    ),
    ProblemType(
        "request-too-large",
        413,
        _("The request is too large"),
        _(
            "The body of the request is larger than the API accepts (2.5 MB). No request of "
            "this API needs that much: send only the documented fields."
        ),
    ),
    ProblemType(
        "busy",
        503,
        _("The service is busy"),
        _("The booking could not be made in time because of other bookings. Try again shortly."),
    ),
    ProblemType(
        "server-error",
        500,
        _("Something went wrong on our side"),
        _("The error was recorded and will be looked at. Nothing about it is shown here."),
    ),
]
PROBLEM_TYPES: dict[str, ProblemType] = {t.slug: t for t in _TYPES}


def problem_type_of(error: DomainError) -> ProblemType:
    """The problem type of a domain error: the one named by its `code` (`slot_taken` is
    `slot-taken`), or, for a code without a page of its own, one made from the error itself
    (its code, status and message), so any subclass of DomainError maps without a list here."""
    slug = error.code.replace("_", "-")
    known = PROBLEM_TYPES.get(slug)
    if known is not None:
        return known
    message = error.default_message
    return ProblemType(slug, error.status, message, message)


class FieldError(Schema):
    field: str
    message: str
    code: str


class Problem(Schema):
    """An RFC 9457 problem: `type`, `title`, `status`, `detail`, `instance`, plus `code`."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    errors: list[FieldError] | None = None


class ApiProblem(Exception):
    """Raised by an endpoint to answer with the problem `slug` (and field errors, if any)."""

    def __init__(
        self,
        slug: str,
        detail: object | None = None,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.problem = PROBLEM_TYPES[slug]
        self.detail = str(detail) if detail is not None else str(self.problem.title)
        self.errors = errors
        self.headers = headers or {}
        super().__init__(self.detail)


def field_error(field: str, message: object, code: str = "invalid") -> ApiProblem:
    """A validation problem about one field, e.g. `field_error("body.staff", "...")`."""
    return ApiProblem(
        "validation-error",
        message,
        errors=[{"field": field, "message": str(message), "code": code}],
    )


def problem_response(
    request: HttpRequest,
    slug: str | ProblemType,
    detail: object | None = None,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    problem = PROBLEM_TYPES[slug] if isinstance(slug, str) else slug
    body: dict[str, Any] = {
        "type": problem.uri,
        "title": str(problem.title),
        "status": problem.status,
        "detail": str(detail) if detail is not None else str(problem.title),
        "instance": request.path,
        "code": problem.code,
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=problem.status,
        content_type=MEDIA_TYPE,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    # Ninja reports ("body", "payload", "start"): the name of the view's argument is noise.
    parts = [str(part) for part in loc]
    if len(parts) >= 2 and parts[0] == "body" and parts[1] == "payload":
        parts = ["body", *parts[2:]]
    return ".".join(parts)


def _validation_errors(exc: ValidationError) -> list[dict[str, str]]:
    return [
        {
            "field": _location(error.get("loc", ())),
            "message": str(error.get("msg", "")),
            "code": str(error.get("type", "invalid")),
        }
        for error in exc.errors
    ]


def install_problem_handlers(api: NinjaAPI) -> None:
    def on_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem_response(
            request, exc.problem.slug, exc.detail, errors=exc.errors, headers=exc.headers
        )

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem_response(request, "validation-error", detail, errors=errors)

    def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        problem = problem_type_of(exc)
        headers = {"Retry-After": "2"} if problem.status == 503 else None
        return problem_response(request, problem, exc.message, headers=headers)

    def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem_response(request, "request-too-large")

    def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(request, "not-found")

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, Throttled):
            wait = getattr(request, "_api_rate_limit_wait", None) or exc.wait or 1
            return problem_response(
                request, "rate-limited", headers={"Retry-After": str(max(1, math.ceil(wait)))}
            )
        if isinstance(exc, AuthenticationError) or exc.status_code == 401:
            return problem_response(request, "not-authenticated")
        if exc.status_code == 403:
            return problem_response(request, "forbidden", exc.message)
        if exc.status_code == 404:
            return problem_response(request, "not-found")
        if exc.status_code == 429:
            return problem_response(request, "rate-limited")
        return problem_response(request, "validation-error", exc.message)

    def on_anything_else(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Logged with its traceback (redacted by the logging filter); the client sees nothing
        # of it, even with DEBUG on, so the app cannot come to rely on a traceback's text.
        logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
        return problem_response(request, "server-error")

    _on(api, Exception, on_anything_else)
    _on(api, HttpError, on_http_error)
    _on(api, RequestDataTooBig, on_too_large)
    _on(api, Http404, on_404)
    _on(api, ValidationError, on_validation)
    _on(api, DomainError, on_domain_error)
    _on(api, ApiProblem, on_problem)


_E = TypeVar("_E", bound=Exception)


def _on(
    api: NinjaAPI, exc_class: type[_E], handler: Callable[[HttpRequest, _E], HttpResponse]
) -> None:
    # Ninja's annotation says a handler may be given the exception's class; it is always given
    # the instance (NinjaAPI.on_exception), which is what our handlers take.
    api.add_exception_handler(exc_class, cast("ExcHandler[_E]", handler))
