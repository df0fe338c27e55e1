from django.urls import path

from creneau.web import catalog_views, security_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("salons/", catalog_views.search, name="search"),
    path("salons/<slug:city>/", catalog_views.city, name="city"),
    path("salons/<slug:city>/<slug:slug>/", catalog_views.business_detail, name="business_detail"),
    path(".well-known/security.txt", security_views.security_txt, name="security_txt"),
    path("security/", security_views.security_policy, name="security_policy"),
]
