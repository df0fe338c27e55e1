from __future__ import annotations

from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from creneau.bookings.personalisation import personal_suggestions
from creneau.catalog.selectors import cities_with_salons
from creneau.consent.cookies import remembered_search
from creneau.web.forms import SalonSearchForm


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
@cache_control(private=True, max_age=60)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {
            # Prefilled with the last search only if the visitor accepted personalisation.
            "form": SalonSearchForm(initial=remembered_search(request)),
            "cities": cities_with_salons(limit=8),
            # Empty unless the account opted in to personalisation.
            "suggestions": personal_suggestions(user=request.user, now=timezone.now()),
        },
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
