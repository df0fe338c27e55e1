from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "creneau.catalog"
    label = "catalog"
