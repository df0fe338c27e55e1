from django.urls import path

from creneau.web import review_views as views

app_name = "reviews_web"

urlpatterns = [
    path("salons/<slug:city>/<slug:slug>/reviews/", views.salon_reviews, name="salon"),
    path("account/bookings/<str:reference>/review/", views.write, name="write"),
    path("reviews/<int:pk>/report/", views.report, name="report"),
    path("reviews/invitations/off/<str:token>/", views.invitations_off, name="invitations_off"),
    path("account/reviews/invitations/on/", views.invitations_on, name="invitations_on"),
]
