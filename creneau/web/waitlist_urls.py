from django.urls import path

from creneau.web import waitlist_views as views

app_name = "waitlist_web"

urlpatterns = [
    path("salons/<slug:city>/<slug:slug>/waitlist/", views.join, name="join"),
    path("account/waitlist/", views.mine, name="mine"),
    path("account/waitlist/<int:pk>/leave/", views.leave, name="leave"),
    path("account/waitlist/offers/<str:token>/", views.offer, name="offer"),
]
