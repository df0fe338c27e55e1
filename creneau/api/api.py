"""The REST API for the app, under /api/v1/: django-ninja, OpenAPI 3 at /api/v1/openapi.json,
interactive documentation at /api/v1/docs (public when `API_DOCS_PUBLIC` is on, else for
platform staff only: `docs.py`).

Endpoints parse the request, call one function of the domain (catalog selectors, the bookings
services, the privacy ledger) and render the result; every rule, authorisation included, is in
those functions, shared with the site. Errors are RFC 9457 problems (`problems.py`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Router

from creneau.api import bookings, me, mydata, reviews, salons, waitlist
from creneau.api.docs import docs_guard
from creneau.api.problems import MEDIA_TYPE, PROBLEM_TYPES, ApiProblem, install_problem_handlers

DESCRIPTION = """
The API of Créneau for the mobile app: everything a customer does on the site, through the
same rules.

## Authentication

Accounts are handled by allauth's headless API for apps, under `/_allauth/app/v1/`
(documented by django-allauth, "headless" OpenAPI specification):

- `POST /_allauth/app/v1/auth/signup` with `email`, `password`, `last_name`, `first_name`,
  `phone` (a mobile number): the account is created and a confirmation e-mail is sent.
- `POST /_allauth/app/v1/auth/email/verify` with the `key` from that e-mail (the last part of
  its link) and the `X-Session-Token` returned by the sign-up: the address is confirmed and the
  customer logged in.
- `POST /_allauth/app/v1/auth/login` with `email` and `password`: the answer's
  `meta.session_token` is the session token.
- `DELETE /_allauth/app/v1/auth/session`: log out.
- `POST /_allauth/app/v1/auth/password/request` then `POST .../auth/password/reset` with the
  key from the e-mail: password reset.
- Changing the e-mail address: `POST /_allauth/app/v1/account/email` adds the new address and
  sends it a confirmation; once confirmed, make it primary with `PATCH` on the same endpoint.
  The account's address changes only when the new one is confirmed.

- Deleting the account (`POST /api/v1/me/delete`) needs a fresh proof first:
  `POST /_allauth/app/v1/auth/reauthenticate` with the password, then the deletion within five
  minutes.

Send the token in the `X-Session-Token` header to every endpoint of this API that is about
"my" data. A browser logged into the site may use its session cookie instead, with the CSRF
token in `X-CSRFToken` for changes. Authentication endpoints are rate limited, in allauth's
format (not problem details): 429 with `Retry-After` for sign-ups, password-reset requests and
logins after repeated failures (counted per client and address, so another client of the
account's owner is not refused).

## Errors

Every error is `application/problem+json` (RFC 9457): `type` (a stable URI, also a page
explaining it), `title`, `status`, `detail`, `instance`, and `code`, the same identifier in
snake case. Validation errors (422) list each field in `errors`. Types: validation-error,
not-authenticated, forbidden, not-found, slot-taken, slot-unavailable, deadline-passed,
not-verified, invalid-booking, idempotency-key-reused, reauthentication-required,
erasure-refused, rate-limited, request-too-large, busy, server-error.

Another customer's booking is "not found" (404), never "forbidden": its existence is not
revealed.

## Conventions

- Times: ISO 8601 with their offset, in the salon's time zone. Times sent must carry an offset.
- Money: `{"amount": "35.00", "currency": "EUR"}`, the amount a decimal string.
- Lists: `limit` (1-100, default 20) and `offset`; answers carry `items` and `total`.
- Booking creation needs an `Idempotency-Key` header (1 to 64 visible ASCII characters, e.g. a
  UUID): sending the same request again with the same key returns the same booking instead of
  booking twice.
- Booking changes are rate limited per customer: 429 `rate-limited` with `Retry-After`.
"""


class CreneauAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Error answers are documented with their real media type, problem+json."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[MEDIA_TYPE] = content.pop("application/json")
        return schema


api = CreneauAPI(
    title="Créneau API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs_decorator=docs_guard,
)
install_problem_handlers(api)


@api.get("/problems/{slug}", include_in_schema=False, url_name="problem")
def problem_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The page behind each problem `type` URI, for the person reading an error."""
    problem = PROBLEM_TYPES.get(slug)
    if problem is None:
        raise ApiProblem("not-found")
    return render(request, "api/problem.html", {"problem": problem, "problems": PROBLEM_TYPES})


api.add_router("", salons.router)
api.add_router("", bookings.router)
api.add_router("", me.router)
api.add_router("", mydata.router)
api.add_router("", reviews.router)
api.add_router("", waitlist.router)


# Last: any other address under /api/v1/ is a problem too, not the site's HTML 404 page.
fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False
)
def unknown(request: HttpRequest, rest: str) -> HttpResponse:
    raise ApiProblem("not-found")


api.add_router("", fallback)
