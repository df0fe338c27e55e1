"""A URLconf for the logging test: a view that fails with personal data in its message."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def explode(request: HttpRequest) -> HttpResponse:
    user = request.user
    raise RuntimeError(
        f"cannot book for {user.first_name} {user.last_name} <{user.email}> {user.phone}"
    )


urlpatterns = [path("explode/", explode), path("", include("creneau.urls"))]
