"""The privacy pages under one URL namespace, `privacy`, as they always were: the public legal
and cookie pages, the rights form and the person's own data (this app), the desk (rights), the
audience and consent statistics (consent) and the records of processing (privacy). The names
are what templates, e-mails and tests reverse, so they did not change when the views moved."""

from django.urls import path

from creneau.consent import staff_views as consent_staff_views
from creneau.privacy import staff_views as privacy_staff_views
from creneau.rights import desk_views
from creneau.web import account_privacy_views as account_views
from creneau.web import privacy_views as views
from creneau.web import rights_views

app_name = "privacy"

urlpatterns = [
    path("legal-notice/", views.legal_notice, name="legal_notice"),
    path("privacy/", views.privacy_policy, name="privacy_policy"),
    path("terms/", views.terms, name="terms"),
    path("privacy/versions/", views.policy_versions, name="policy_versions"),
    path("privacy/versions/<str:version>/", views.policy_version, name="policy_version"),
    path("cookies/", views.cookie_policy, name="cookie_policy"),
    path("cookies/settings/", views.consent_settings, name="consent_settings"),
    path("cookies/choice/", views.consent_save, name="consent_save"),
    path("privacy/staff/traffic/", consent_staff_views.staff_traffic, name="staff_traffic"),
    path(
        "privacy/staff/consents/",
        consent_staff_views.staff_consent_statistics,
        name="staff_consents",
    ),
    path(
        "privacy/staff/records/",
        privacy_staff_views.records_of_processing,
        name="staff_records",
    ),
    # Requests to the operator.
    path("privacy/rights/", rights_views.rights_form, name="rights_form"),
    path("privacy/rights/sent/", rights_views.rights_sent, name="rights_sent"),
    path("privacy/rights/confirm/<str:token>/", rights_views.rights_confirm, name="rights_confirm"),
    path("privacy/staff/requests/", desk_views.desk_requests, name="desk_requests"),
    path("privacy/staff/requests/<str:reference>/", desk_views.desk_request, name="desk_request"),
    # The person's own data.
    path("account/privacy/", account_views.my_data, name="my_data"),
    path("account/privacy/data.json", account_views.download_json, name="download_json"),
    path("account/privacy/data.zip", account_views.download_zip, name="download_zip"),
    path("account/privacy/archive/", account_views.export_prepare, name="export_prepare"),
    path(
        "account/privacy/archive/<str:token>/",
        account_views.export_download,
        name="export_download",
    ),
    path(
        "account/privacy/preferences/",
        account_views.account_preferences,
        name="account_preferences",
    ),
    path("unsubscribe/<str:token>/", account_views.unsubscribe, name="unsubscribe"),
    path("account/privacy/restriction/", account_views.restriction, name="restriction"),
    path("account/privacy/delete/", account_views.delete_account, name="delete_account"),
    path("account/privacy/deleted/", account_views.account_deleted, name="account_deleted"),
]
