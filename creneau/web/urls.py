from django.urls import path

from creneau.web import catalog_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("salons/", catalog_views.search, name="search"),
    path("salons/<slug:city>/", catalog_views.city, name="city"),
    path("salons/<slug:city>/<slug:slug>/", catalog_views.business_detail, name="business_detail"),
]
