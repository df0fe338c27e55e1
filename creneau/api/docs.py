"""Who may read the API's documentation: the OpenAPI document and its interactive page.

With `API_DOCS_PUBLIC` on (the default in development) everyone may. Off (the default in
production), only platform staff may; anyone else gets the API's ordinary "not found" problem,
exactly as for an address that does not exist, so the answer does not reveal that the page is
there. The setting is read at each request, so the same routes serve both cases.

`docs_guard` is given to django-ninja as the API's `docs_decorator`, which wraps both routes.
The deploy check `creneau.E050` walks the URL configuration and refuses a documentation route
that is not wrapped by it while the setting is off.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from creneau.api.problems import problem_response

GUARD_MARK = "creneau_api_docs_guard"


def docs_visible_to(request: HttpRequest) -> bool:
    if settings.API_DOCS_PUBLIC:
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def docs_guard(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not docs_visible_to(request):
            return problem_response(request, "not-found")
        response = view(request, *args, **kwargs)
        if not settings.API_DOCS_PUBLIC:
            # Shown to staff only: no shared cache may keep it for the next visitor.
            patch_cache_control(response, private=True)
        return response

    setattr(guarded, GUARD_MARK, True)
    return guarded


def is_guarded(view: Callable[..., Any]) -> bool:
    """True when `view`, or a view it wraps, went through `docs_guard`."""
    current: Any = view
    while current is not None:
        if getattr(current, GUARD_MARK, False):
            return True
        current = getattr(current, "__wrapped__", None)
    return False
