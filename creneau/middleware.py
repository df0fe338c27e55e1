"""Requests no page can mean, refused before any view sees them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotFound


class NulBytesMiddleware:
    """A NUL byte in the path or the query string: 404 or 400, never a view.

    No address or parameter of ours contains one, and PostgreSQL refuses it in any text value,
    so a view that looks a path parameter up (a booking reference, a token) or filters on a raw
    query parameter would fail with a server error. Form fields refuse NUL already (Django's
    ProhibitNullCharactersValidator); this covers what does not go through a form. The API is
    left to its schemas, which refuse control characters with a validation problem.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return self.get_response(request)
        if "\x00" in request.path_info:
            return HttpResponseNotFound("Not found.", content_type="text/plain")
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in value for values in request.GET.lists() for value in [values[0], *values[1]]
        ):
            return HttpResponseBadRequest("Bad request.", content_type="text/plain")
        return self.get_response(request)
