from django.urls import path

from creneau.privacy import views

app_name = "privacy"

urlpatterns = [
    path("legal-notice/", views.legal_notice, name="legal_notice"),
    path("privacy/", views.privacy_policy, name="privacy_policy"),
    path("cookies/", views.cookie_policy, name="cookie_policy"),
    path("cookies/settings/", views.consent_settings, name="consent_settings"),
    path("cookies/choice/", views.consent_save, name="consent_save"),
    path("privacy/staff/traffic/", views.staff_traffic, name="staff_traffic"),
    path("privacy/staff/consents/", views.staff_consent_statistics, name="staff_consents"),
]
