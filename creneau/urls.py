from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from creneau.api.api import api
from creneau.web import views as web_views

urlpatterns = [
    path("healthz", web_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("_allauth/", include("allauth.headless.urls")),
    path("pro/", include("creneau.backoffice.urls")),
    path("api/v1/", api.urls),
    path("", include("creneau.web.privacy_urls")),
    path("", include("creneau.web.booking_urls")),
    path("", include("creneau.web.account_urls")),
    path("", include("creneau.web.review_urls")),
    path("", include("creneau.web.waitlist_urls")),
    path("", include("creneau.web.urls")),
    path("", include("creneau.web.pwa_urls")),
]

handler404 = "creneau.web.views.page_not_found"
handler500 = "creneau.web.views.server_error"
