from django.urls import path

from creneau.web import account_views as views

app_name = "account_hub"

urlpatterns = [
    path("account/", views.hub, name="hub"),
    path("account/profile/", views.profile, name="profile"),
    path("account/phone/", views.phone_verify, name="phone_verify"),
    path("account/reminders/", views.reminders, name="reminders"),
]
