"""A URL configuration that mounts a second django-ninja API whose documentation nobody
guarded, beside the project's own: what creneau.E050 is there to catch."""

from django.urls import include, path
from ninja import NinjaAPI

unguarded = NinjaAPI(title="Reports", version="1", urls_namespace="reports-api")

urlpatterns = [
    path("reports/api/", unguarded.urls),
    path("", include("creneau.urls")),
]
