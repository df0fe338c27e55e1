from django.urls import path

from creneau.web import booking_views as views

app_name = "booking"

urlpatterns = [
    path("salons/<slug:city>/<slug:slug>/book/", views.slots, name="slots"),
    path("salons/<slug:city>/<slug:slug>/book/review/", views.review, name="review"),
    path("account/bookings/", views.my_bookings, name="list"),
    path("account/bookings/<str:reference>/", views.detail, name="detail"),
    path("account/bookings/<str:reference>/calendar.ics", views.ics, name="ics"),
    path("account/bookings/<str:reference>/cancel/", views.cancel, name="cancel"),
    path("account/bookings/<str:reference>/move/", views.reschedule, name="reschedule"),
]
