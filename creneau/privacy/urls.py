from django.urls import path

from creneau.privacy import views

app_name = "privacy"

urlpatterns = [
    path("legal-notice/", views.legal_notice, name="legal_notice"),
    path("privacy/", views.privacy_policy, name="privacy_policy"),
    path("cookies/", views.cookie_policy, name="cookie_policy"),
]
