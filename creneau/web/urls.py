from django.urls import path, register_converter

from creneau.web import catalog_views, photo_views, security_views, site_views, views

app_name = "web"


class CategorySlugConverter:
    """The salon types' words in a city+type page's address ("coiffeurs", "barbiers")."""

    regex = "|".join(catalog_views.CATEGORY_SLUGS)

    def to_python(self, value: str) -> str:
        return catalog_views.CATEGORY_SLUGS[value]

    def to_url(self, value: str) -> str:
        return catalog_views.CATEGORY_URL_SLUGS[value]


register_converter(CategorySlugConverter, "salon_type")

urlpatterns = [
    path("", views.home, name="home"),
    path("salons/", catalog_views.search, name="search"),
    path("salons/<slug:city>/", catalog_views.city, name="city"),
    path("sitemap.xml", catalog_views.sitemap, name="sitemap"),
    path("photos/<str:kind>/<str:name>", photo_views.photo, name="photo"),
    # Before the salon page: a type's word is never read as a salon's slug.
    path("salons/<slug:city>/<salon_type:category>/", catalog_views.city, name="city_category"),
    path("salons/<slug:city>/<slug:slug>/", catalog_views.business_detail, name="business_detail"),
    path(".well-known/security.txt", security_views.security_txt, name="security_txt"),
    path("security/", security_views.security_policy, name="security_policy"),
    path("favicon.ico", site_views.favicon, name="favicon"),
]
