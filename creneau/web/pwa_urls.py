from django.urls import path

from creneau.web import pwa_views

app_name = "pwa"

urlpatterns = [
    path("manifest.webmanifest", pwa_views.manifest, name="manifest"),
    path("sw.js", pwa_views.service_worker, name="service_worker"),
    path("offline/", pwa_views.offline, name="offline"),
]
