from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "creneau.catalog"
    label = "catalog"

    def ready(self) -> None:
        # Keeps each salon's public_version current (catalog.freshness).
        from creneau.catalog import freshness

        freshness.connect()
